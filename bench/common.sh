# shellcheck shell=bash
# What the benchmark scripts share (sourced by bench/first, bench/run and bench/profile, after
# `cd` to the repository): where the data and the work folder are, the day the builds take as
# today, and the guide of every office of the data that the sites of each size are cut from.

DATA=$(cd "${DATA:-../shared/data/wam-202503}" && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/shirube-bench}
export SHIRUBE_TODAY=${SHIRUBE_TODAY:-2026-12-01}

# import_offices BIN: `$WORK/imported`, every office of the data imported with `shirube import
# wam` into a guide made by `shirube init` (once: kept for the next runs).
import_offices() {
  local bin=$1
  mkdir -p "$WORK"
  if ! compgen -G "$WORK/imported/content/entries/wam-*.md" >/dev/null; then
    rm -rf "$WORK/imported"
    "$bin" init "$WORK/imported" --region 全国 >/dev/null
    (cd "$WORK/imported" && "$bin" import wam "$DATA"/*.csv >/dev/null)
  fi
}

# offices_of PARITY: `$WORK/imported-PARITY`, the guide of `$WORK/imported` with only the offices
# of the odd-numbered prefectures (`odd`) or of the even-numbered (`even`): the first two digits
# of an office's number are its prefecture's. Made again each time (hard links: cheap).
offices_of() {
  local parity=$1 file name remainder=0 offices=()
  local part=$WORK/imported-$parity
  if [ "$parity" = odd ]; then remainder=1; fi
  rm -rf "$part" && mkdir -p "$part/content/entries"
  cp "$WORK/imported/site.yaml" "$part/"
  for file in "$WORK"/imported/content/*; do
    if [ "${file##*/}" != entries ]; then cp -r "$file" "$part/content/"; fi
  done
  # wam-PPxxxxxxxx.md: PP is the prefecture.
  for file in "$WORK"/imported/content/entries/wam-*.md; do
    name=${file##*/}
    if [ $((10#${name:4:2} % 2)) = "$remainder" ]; then offices+=("$file"); fi
  done
  ln -t "$part/content/entries" "${offices[@]}"
}

# choose_binary: sets BIN, the shirube the timings run, from BUILD: `release` (the default) is
# target/release/shirube, what `cargo install` makes (built by the caller, with GEN, the site
# generator); `pgo` is scripts/build-pgo's binary (target/pgo/shirube), trained on
# `$WORK/train-odd`: every office of the odd-numbered prefectures, with the generator's family
# fields and body text, a guide of the kind and size the timings build. `OFFICES=even
# bench/first` times sites of the offices it was not trained on.
choose_binary() {
  case ${BUILD:-release} in
    release) ;;
    pgo)
      import_offices "$BIN"
      offices_of odd
      "$GEN" "$WORK/imported-odd" "$(find "$WORK/imported-odd/content/entries" -name '*.md' | wc -l)" \
        "$WORK/train-odd" "$WORK/train-odd-hugo" >/dev/null
      scripts/build-pgo "$WORK/train-odd" target/pgo/shirube
      BIN=$PWD/target/pgo/shirube ;;
    *) echo "BUILD is release or pgo" >&2; exit 2 ;;
  esac
}

# choose_fs: sets FS, where a timed first build writes, from the environment: `nojournal` or
# `journal` (a new ext4 for the build, as root; `nojournal` is the default as root) or `here` (a
# new folder under $WORK, the default otherwise). Exits on anything else, or on a file system
# asked for without root.
choose_fs() {
  if [ "$(id -u)" = 0 ]; then FS=${FS:-nojournal}; else FS=${FS:-here}; fi
  case $FS in
    nojournal | journal)
      [ "$(id -u)" = 0 ] || { echo "FS=$FS mounts a file system: run as root, or FS=here" >&2; exit 2; } ;;
    here) ;;
    *) echo "FS is nojournal, journal or here" >&2; exit 2 ;;
  esac
}

# new_ext4 IMG MNT KIND: a new empty ext4 in the file IMG, mounted at MNT (as root); KIND is
# `journal` (as a CI runner's disk is) or `nojournal` (as the project's disk is). A new file
# system is the fair place for a first build: on ext4 a new file or folder is not given an
# inode freed in the last minutes (ext4 searches past each of them), so outputs deleted before
# a timing slow it down.
new_ext4() {
  local img=$1 mnt=$2 kind=$3
  if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt"; fi
  rm -f "$img" && truncate -s 8G "$img"
  if [ "$kind" = journal ]; then mkfs.ext4 -q -F "$img"; else mkfs.ext4 -q -F -O ^has_journal "$img"; fi
  mkdir -p "$mnt" && mount -o loop "$img" "$mnt"
}
