#!/usr/bin/env bash
# Try the real app as a researcher would: a real X server (Xvfb) with a window manager
# (openbox), driven by keyboard and mouse with xdotool, a screenshot after every step.
#
#   tools/try-as-user.sh [OUT_DIR]        (default: tools/out; needs xvfb openbox xdotool imagemagick)
#   SCREEN=1366x768 UI=nl tools/try-as-user.sh /tmp/shots   (screen size, interface language)
#
# The round: open a document from a search, quick-code three times, code all hits, code a
# region of a photo, the coded-segments view, the keyboard alone (Alt+2, Shift+F10 menus, 1–9
# in the codebook), New code… with a name that exists, the export dialog, zoom, switch
# language, resize to 1366×768 and 1024×700.
# Look at every screenshot afterwards: the script only drives, it does not judge.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$HERE/tools/out}
PY=${PYTHON:-$HERE/.venv/bin/python}
SCREEN=${SCREEN:-1440x900}
UI=${UI:-en}
for tool in Xvfb openbox xdotool import; do
    command -v "$tool" >/dev/null || { echo "try-as-user: $tool is missing (apt-get install xvfb openbox xdotool imagemagick)" >&2; exit 2; }
done
mkdir -p "$OUT"
rm -rf "$OUT"/*.png "$OUT/Demo.fieldkit" "$OUT/settings.ini"

# a display number nobody uses
NUM=57
while [ -e "/tmp/.X11-unix/X$NUM" ] || [ -e "/tmp/.X$NUM-lock" ]; do NUM=$((NUM + 1)); done
export DISPLAY=":$NUM"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

Xvfb "$DISPLAY" -screen 0 "${SCREEN}x24" -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
PIDS+=($!)
sleep 1
openbox >"$OUT/openbox.log" 2>&1 &
PIDS+=($!)
sleep 1

export FIELDKIT_SETTINGS="$OUT/settings.ini" FIELDKIT_CODER="Tester" QT_QPA_PLATFORM=xcb
printf '[General]\nlanguage=%s\n' "$UI" >"$FIELDKIT_SETTINGS"
"$PY" -m fieldkit demo "$OUT/Demo.fieldkit" >/dev/null
"$PY" -m fieldkit gui "$OUT/Demo.fieldkit" >"$OUT/app.log" 2>&1 &
APP=$!
PIDS+=($APP)

WID=$(xdotool search --sync --onlyvisible --name "Demo.* fieldkit" | head -1)
xdotool windowactivate --sync "$WID" || true
sleep 2

n=0
shot() {  # shot NAME: the whole screen, numbered in the order taken
    n=$((n + 1))
    sleep "${2:-0.8}"
    import -window root "$OUT/$(printf '%02d' $n)-$1.png"
    echo "  $(printf '%02d' $n)-$1.png"
}
keys() { xdotool key --clearmodifiers --delay 60 "$@"; }
type_() { xdotool type --delay 40 "$1"; }
search_and_open() {  # search, go down into the hits, open the first one (selects the hit)
    keys ctrl+f
    keys ctrl+a
    type_ "$1"
    keys Return
    sleep 0.6
    keys Down Return
    sleep 0.6
}
quick_code() {  # Ctrl+K, type part of a code, Enter
    keys ctrl+k
    sleep 0.5
    type_ "$1"
    sleep 0.3
    keys Return
}
geometry() { eval "$(xdotool getwindowgeometry --shell "$WID")"; }

echo "try-as-user: screenshots in $OUT"
shot start 1.5

search_and_open "collega kind:esm"
shot search-opened
quick_code "Peer help"
shot quick-code-1

search_and_open "machine kind:transcript"
quick_code "Technology adoption"
shot quick-code-2

search_and_open "fout kind:fieldnote"
keys ctrl+k
sleep 0.5
shot quick-code-3-box 0.2
type_ "Mistakes"
keys Return
shot quick-code-3

# code all hits: search, Tab to the button, the list of what will be coded, then the code
keys ctrl+f ctrl+a
type_ "werkinstructie"
keys Return
sleep 0.6
keys Tab Tab space
shot code-all-hits-dialog
keys Return
sleep 0.5
type_ "Digital work"
shot code-all-hits-box 0.3
keys Return
shot code-all-hits-done 1.5

# a region of a photo: open a photo from a search on its caption, drag over the picture
search_and_open "kind:photo tablet"
shot photo-open
geometry
x0=$((X + WIDTH * 45 / 100)); y0=$((Y + HEIGHT * 25 / 100))
xdotool mousemove "$x0" "$y0" mousedown 1
xdotool mousemove $((x0 + 60)) $((y0 + 40))
xdotool mousemove $((x0 + 120)) $((y0 + 80)) mouseup 1
sleep 0.6
shot photo-region-box 0.2
type_ "Technology adoption"
keys Return
shot photo-region-coded

# the coded-segments (retrieval) view, when this build has it
keys ctrl+shift+s
shot coded-segments 1.2

# the keyboard alone: Alt+2 is "Find a code…", Down into the tree, Shift+F10 its menu
keys alt+2
type_ "peer"
shot find-a-code 0.5
keys Down
keys shift+F10
shot codebook-menu-shift-f10 0.6
keys Escape
# the document: select a word, Shift+F10 offers "Code with…" and the recent codes
keys alt+4
keys ctrl+Home
keys ctrl+shift+Right
keys shift+F10
shot document-menu-code-with 0.6
keys Escape
# 1–9 in the codebook code the selection with that code
keys alt+2
keys Down
keys 1
shot codebook-key-1 0.6
# New code… with a name that exists: the dialog says so
keys alt+4
keys ctrl+shift+Right
keys ctrl+shift+k
sleep 0.5
type_ "Peer help"
shot new-code-exists 0.5
keys Escape
# the export dialog (its extension follows the format), then closed
keys ctrl+e
shot export-dialog 0.8
keys Escape
# zoom in twice, look, back to the usual size
keys ctrl+plus ctrl+plus
shot zoomed-in 1.0
keys ctrl+0

# the other language, through the View menu: View → Language → the one not in use
if [ "$UI" = nl ]; then keys alt+d; else keys alt+v; fi
sleep 0.4
if [ "$UI" = nl ]; then keys t; else keys l; fi
sleep 0.4
if [ "$UI" = nl ]; then keys Down Return; else keys Down Down Return; fi
shot other-language 1.5
keys ctrl+k
shot other-language-quick-code-box 0.6
keys Escape

# a laptop screen, then a small one
xdotool windowsize "$WID" 1366 768
shot other-language-1366x768 1.5
xdotool windowsize "$WID" 1024 700
shot other-language-1024x700 1.5
keys ctrl+shift+s
shot other-language-1024x700-coded-segments 1.5
xdotool windowsize "$WID" 1440 860
shot other-language-grown-again 1.5

keys ctrl+q
sleep 1.5
if kill -0 "$APP" 2>/dev/null; then
    echo "try-as-user: the app did not quit on Ctrl+Q" >&2
fi
if grep -q "Traceback\|RuntimeError" "$OUT/app.log"; then
    echo "try-as-user: the app wrote errors, see $OUT/app.log:" >&2
    grep -A3 "Traceback\|RuntimeError" "$OUT/app.log" | head -20 >&2
    exit 1
fi
echo "try-as-user: done, $n screenshots"
