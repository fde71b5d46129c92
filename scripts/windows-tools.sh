# Sourced by scripts/windows-test and scripts/package-windows: installs what
# the Windows build needs on a fresh Debian machine, only when it is missing.

triple=x86_64-pc-windows-gnu

fail() {
  printf '\n%s FAILED: %s\n' "${0##*/}" "$*" >&2
  exit 1
}

# Root runs it; anyone else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo > /dev/null; then
    sudo "$@"
  else
    fail "installing needs root or sudo: $*"
  fi
}

# need_windows_tools [wine]: the Rust target and mingw-w64's gcc (the
# linker, in .cargo/config.toml), and Wine when asked for.
need_windows_tools() {
  if ! rustup target list --installed | grep -qx "$triple"; then
    rustup target add "$triple"
  fi
  local missing=()
  command -v x86_64-w64-mingw32-gcc > /dev/null || missing+=(gcc-mingw-w64-x86-64)
  if [ "${1:-}" = wine ] && [ ! -x /usr/lib/wine/wine64 ]; then
    missing+=(wine64)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
  command -v x86_64-w64-mingw32-gcc > /dev/null || fail "x86_64-w64-mingw32-gcc is missing after installing"
}
