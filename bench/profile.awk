# Reads `perf script -F tid,ip,sym --no-inline` of a build (each sample a line for its thread,
# then one line per frame, innermost first, then an empty line) and prints where its CPU time
# went: each sample given to the stage of the pipeline whose code is outermost on its stack (the
# stages call shared code, such as the furigana style or tera, but not each other), the pages'
# work told apart (their views, tera, page keys, the frame's splicing and the furigana pass),
# and the kernel's work of making the output's files and folders apart from every stage's. Then
# the system calls and the innermost functions with the most samples. Used by bench/profile;
# tests/bench_profile.rs holds it to a small profile of known shape.

BEGIN { RS = ""; FS = "\n" }

# The stage whose code `frame` is, or "" for code every stage shares (text, views' helpers
# called from elsewhere, the allocator, the kernel).
function stage_of(frame) {
  if (frame ~ /^shirube::(content|check|yaml)::/) return "reading and checking the site"
  if (frame ~ /^shirube::enrich/) return "readings, order and fingerprints (enrich)"
  if (frame ~ /^shirube::assets::/) return "photos"
  if (frame ~ /^shirube::print::/) return "print document"
  if (frame ~ /^shirube::render::/) return "pages"
  if (frame ~ /^shirube::(index|search)::/) return "search index"
  if (frame ~ /^shirube::export::/) return "open data"
  if (frame ~ /^shirube::output::/) return "output (staging, manifests, swap)"
  return ""
}

# The frame's function, without its address and its hash.
function function_of(line,   f) {
  f = line
  sub(/^[ \t]*[0-9a-f]+ /, "", f)
  sub(/ \(.*$/, "", f)
  sub(/::h[0-9a-f]+$/, "", f)
  return f
}

{
  samples++
  stage = ""; making_files = 0; keys = 0; pass = 0; in_tera = 0; syscall = ""
  for (i = 2; i <= NF; i++) {
    f = function_of($i)
    if (syscall == "" && f ~ /^(__x64_sys_|__do_sys_|ksys_)/) {
      syscall = f
      sub(/^(__x64_sys_|__do_sys_|ksys_)/, "", syscall)
    }
    if (f ~ /^shirube::output::(place|staging)::/ && syscall != "") making_files = 1
    if (f ~ /^shirube::render::page_key::/) keys = 1
    if (f ~ /^shirube::render::frame::Frame::finish_page|^shirube::view::(furigana_pass|splice)::/) pass = 1
    if (f ~ /^tera::/) in_tera = 1
    outer = stage_of(f)
    if (outer != "") stage = outer
  }
  if (making_files) stage = "files and folders of the output (kernel)"
  else if (stage == "pages" && keys) stage = "pages: page keys"
  else if (stage == "pages" && pass) stage = "pages: the frame's splicing and the furigana pass"
  else if (stage == "pages" && in_tera) stage = "pages: tera"
  else if (stage == "pages") stage = "pages: views"
  # perf copies 16 KB of each stack: tera's deepest (its nested blocks and loops) lose their
  # outer frames, and with them the stage. Nearly all of tera's work is the pages'.
  else if (stage == "" && in_tera) stage = "pages: tera"
  else if (stage == "") stage = "other (tables made at the start, threads)"
  by_stage[stage]++
  by_syscall[syscall == "" ? "(none: user space and page faults)" : syscall]++
  by_function[function_of($2)]++
}

function table(title, counts, limit,   key, sorted, n, i, j, tmp) {
  n = 0
  for (key in counts) sorted[++n] = key
  # Most samples first; equal counts by name, so the table is the same from run to run.
  for (i = 2; i <= n; i++) {
    tmp = sorted[i]
    for (j = i - 1; j >= 1 && (counts[sorted[j]] < counts[tmp] || (counts[sorted[j]] == counts[tmp] && sorted[j] > tmp)); j--)
      sorted[j + 1] = sorted[j]
    sorted[j + 1] = tmp
  }
  printf "\n%-60s %6s\n", title, "share"
  for (i = 1; i <= n && i <= limit; i++)
    printf "%-60s %5.1f%%\n", substr(sorted[i], 1, 60), 100 * counts[sorted[i]] / samples
}

END {
  if (samples == 0) { print "no samples" > "/dev/stderr"; exit 1 }
  printf "%d samples\n", samples
  table("where (the stage on each sample's stack)", by_stage, 100)
  table("system call", by_syscall, 12)
  table("innermost function", by_function, 20)
}
