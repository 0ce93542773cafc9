#!/usr/bin/env bash
# Installs what the end-to-end browser test (tests/browser/) needs: Debian's chromium, a CJK font so
# screenshots show Chinese, and the Playwright Python driver pinned in pyproject's test extras.
# Never `playwright install`: that downloads a browser build, which cannot be fetched here.
# Idempotent: a few hundred milliseconds when everything is already there.
set -euo pipefail

PYTHON="${PYTHON:-python}"
PLAYWRIGHT_PIN="$(grep -Eo '"playwright==[^"]+"' "$(dirname "$0")/../pyproject.toml" | tr -d '"' || true)"
PLAYWRIGHT_PIN="${PLAYWRIGHT_PIN:-playwright==1.65.2}"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-browser: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! "$PYTHON" -c "import playwright.sync_api" 2>/dev/null; then
    echo "install-browser: pip install $PLAYWRIGHT_PIN"
    "$PYTHON" -m pip install -q "$PLAYWRIGHT_PIN"
fi

echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing'), $PLAYWRIGHT_PIN"
