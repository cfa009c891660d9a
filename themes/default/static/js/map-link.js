// The address's 「地図アプリで開く」 link is a geo: URI (RFC 5870), which Android's map apps
// open. Apple's systems have no handler for geo:, so there the link takes Apple's maps: address
// (view/maps.rs puts it in data-apple-maps). Nothing is loaded or sent: the map app looks the
// place up only when the visitor taps.
(() => {
  const platform = navigator.userAgentData?.platform || navigator.platform || '';
  // iPadOS reports itself as a Mac; both open maps: in the Maps app.
  const apple = /^(iPhone|iPad|iPod|Mac)/i.test(platform) || /iPhone|iPad|iPod/.test(navigator.userAgent);
  if (!apple) return;
  for (const link of document.querySelectorAll('a.map-link[data-apple-maps]')) {
    link.href = link.dataset.appleMaps;
  }
})();
