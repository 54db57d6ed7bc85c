#!/usr/bin/env bash
# The window's Japanese catalog against the window's source: every text of app/gui is written in English
# inside _("…") and has a Japanese translation in resources/locale/ja/rececon.po, the catalog holds no
# text the window no longer uses, its formats (%s, %lld…) agree with the English, and no Japanese text
# is left inline in a wxS("…") (it would not follow the catalog).
# Usage: catalog_check.sh SOURCE_ROOT
set -euo pipefail

root=$1
po="$root/resources/locale/ja/rececon.po"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "catalog_check: FAILED: $*" >&2; exit 1; }
for tool in xgettext msgcmp msgfmt; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (run setup/install-deps.sh)"
done

cd "$root"
xgettext --language=C++ --keyword=_ --from-code=UTF-8 --no-wrap --msgid-bugs-address=none \
  -o "$work/rececon.pot" app/gui/*.cpp app/gui/*.h
msgcmp "$po" "$work/rececon.pot" 2>"$work/missing.txt" ||
  fail "texts of the window without a Japanese translation (cmake --build build --target update-catalog):
$(cat "$work/missing.txt")"
msgcmp --use-untranslated "$work/rececon.pot" "$po" 2>"$work/stale.txt" ||
  fail "catalog entries the window no longer uses:
$(cat "$work/stale.txt")"
msgfmt --check -o "$work/rececon.mo" "$po" 2>"$work/format.txt" || fail "$(cat "$work/format.txt")"

# kana or kanji (not the ・ separator) inside wxS("…"): text that bypasses the catalog
inline=$(grep -nP 'wxS\("(?:[^"\\]|\\.)*[\x{3040}-\x{30fa}\x{30fc}-\x{30ff}\x{3400}-\x{9fff}\x{ff66}-\x{ff9f}]' app/gui/*.cpp app/gui/*.h || true)
[ -z "$inline" ] || fail "Japanese text inline in wxS(), write it as _(\"English\") and translate it in $po:
$inline"

entries=$(grep -c '^msgid ' "$po")
echo "ok: $((entries - 1)) texts of the window, each translated in resources/locale/ja/rececon.po"
