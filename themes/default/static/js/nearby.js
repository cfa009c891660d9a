// Nearby first: on a listing, sort the cards by distance — from where the visitor is (the
// browser's geolocation, asked only when they choose it; the distance is worked out here, on
// the device, and the position is sent nowhere) or from the middle of an area they choose (the
// average position of that area's cards). 50音順 stays the default and can be chosen again.
// Only cards with a position are sorted by distance; those without keep their order after them.
// Its messages are written through say.js (ruby over its own words in the furigana edition).
(() => {
  const form = document.getElementById('sort-form');
  const list = document.querySelector('ul.cards');
  if (!form || !list) return;
  const cards = [...list.children];
  const placed = cards.filter((c) => c.dataset.lat && c.dataset.lon);
  if (placed.length < 2) return;
  const status = form.querySelector('.sort-status');
  const select = form.querySelector('#sort-area');
  // The count's 「50音順」, with its ruby in the furigana edition, said again when chosen again.
  const order = document.querySelector('p.count .count-order');
  const byKanaOrder = order ? [...order.childNodes].map((n) => n.cloneNode(true)) : [];

  // Areas of the cards, each at the average position of its cards.
  const areas = new Map();
  for (const c of placed) {
    const a = c.dataset.area || '';
    const v = areas.get(a) || { lat: 0, lon: 0, n: 0 };
    v.lat += Number(c.dataset.lat);
    v.lon += Number(c.dataset.lon);
    v.n += 1;
    areas.set(a, v);
  }
  for (const [name, v] of areas) {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = name;
    o.dataset.lat = String(v.lat / v.n);
    o.dataset.lon = String(v.lon / v.n);
    select.append(o);
  }

  const km = (a, b) => {
    const r = Math.PI / 180;
    const dlat = (b.lat - a.lat) * r;
    const dlon = (b.lon - a.lon) * r;
    const h = Math.sin(dlat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dlon / 2) ** 2;
    return 12742 * Math.asin(Math.sqrt(h));
  };
  const clearDistances = () => {
    for (const d of list.querySelectorAll('.card-distance')) d.remove();
  };
  const byKana = () => {
    clearDistances();
    list.append(...cards);
    order?.replaceChildren(...byKanaOrder.map((n) => n.cloneNode(true)));
  };
  const byDistance = (from, what) => {
    clearDistances();
    const measured = placed.map((c) => ({ c, d: km(from, { lat: Number(c.dataset.lat), lon: Number(c.dataset.lon) }) }));
    measured.sort((x, y) => x.d - y.d);
    for (const { c, d } of measured) {
      const p = document.createElement('p');
      p.className = 'card-distance';
      shirubeSay(p, ...what, 'から 約', { text: d < 10 ? d.toFixed(1) : Math.round(d) }, 'km');
      c.querySelector('.card-title')?.after(p);
    }
    const rest = cards.filter((c) => !placed.includes(c));
    list.append(...measured.map((m) => m.c), ...rest);
    if (order) shirubeSay(order, ...what, 'から 近い順');
    const first = measured[0];
    const name = first.c.dataset.compareName || first.c.querySelector('.card-title')?.textContent.trim();
    shirubeSay(status, ...what, 'から 近い順に ならべました。いちばん近いのは ', { text: name }, '（約', { text: first.d.toFixed(1) }, 'km）です。');
  };

  const apply = () => {
    const mode = form.elements.namedItem('sort').value;
    select.disabled = mode !== 'area';
    if (mode === 'kana') {
      byKana();
      shirubeSay(status, '50音順に ならべました。');
    } else if (mode === 'area') {
      const o = select.selectedOptions[0];
      if (o) byDistance({ lat: Number(o.dataset.lat), lon: Number(o.dataset.lon) }, [{ text: o.value }, 'の まんなか']);
    } else if (!navigator.geolocation) {
      shirubeSay(status, 'この ブラウザでは いまいる場所が わかりません。地域を えらんでください。');
    } else {
      shirubeSay(status, 'いまいる場所を しらべています…');
      navigator.geolocation.getCurrentPosition(
        (pos) => byDistance({ lat: pos.coords.latitude, lon: pos.coords.longitude }, ['いまいる場所']),
        () => {
          shirubeSay(status, 'いまいる場所が わかりませんでした。地域を えらぶか、50音順で さがしてください。');
        },
        { maximumAge: 600000, timeout: 15000 },
      );
    }
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  select.disabled = true;
  form.hidden = false;
})();
