#!/usr/bin/env bash
# One entry for building, trying and testing MagentoCloud. Needs only the .NET SDK (and root for
# apt-get, which the test services use). Everything else is restored by this script.
#
#   ./build.sh              build the module into out/MagentoCloud/<version>/
#   ./build.sh quickstart   build, then walk the workflow on the local default (examples/quickstart.ps1)
#   ./build.sh test         build, start the test services, run every test (xunit and Pester)
#   ./build.sh bench        build, then run the benchmarks under bench/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

CONFIGURATION="${CONFIGURATION:-Release}"
VERSION="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)"
OUT="$ROOT/out"
MODULE_DIR="$OUT/MagentoCloud/$VERSION"
TOOLS="$ROOT/.tools"
PESTER_VERSION="5.7.1"

say() { printf '==> %s\n' "$*" >&2; }

restore_tools() {
    dotnet tool restore >/dev/null
    if [ ! -f "$TOOLS/packages/pester/$PESTER_VERSION/tools/Pester.psd1" ]; then
        say "Restoring Pester $PESTER_VERSION from NuGet"
        dotnet restore build/tools/Tools.csproj --packages "$TOOLS/packages" >/dev/null
    fi
}

pwsh_run() { dotnet pwsh -NoLogo -NoProfile "$@"; }

build_module() {
    say "Building MagentoCloud $VERSION ($CONFIGURATION)"
    local publish="$OUT/publish"
    rm -rf "$publish"
    dotnet publish src/MagentoCloud.PowerShell -c "$CONFIGURATION" -o "$publish" --nologo -v quiet
    dotnet publish src/MagentoCloud.Loader -c "$CONFIGURATION" -o "$publish/loader" --nologo -v quiet

    # The cmdlet assembly sits at the root; the engine and its libraries (with their native parts)
    # under Dependencies/, where only the module's private load context looks.
    rm -rf "$MODULE_DIR"
    mkdir -p "$MODULE_DIR/Dependencies" "$MODULE_DIR/en-US"
    cp "$publish/MagentoCloud.PowerShell.dll" "$publish/loader/MagentoCloud.Loader.dll" "$MODULE_DIR/"
    cp "$publish"/*.dll "$MODULE_DIR/Dependencies/"
    rm "$MODULE_DIR/Dependencies/MagentoCloud.PowerShell.dll"
    [ -d "$publish/runtimes" ] && cp -r "$publish/runtimes" "$MODULE_DIR/Dependencies/"
    cp module/MagentoCloud.psd1 module/MagentoCloud.Format.ps1xml "$MODULE_DIR/"
    cp LICENSE "$MODULE_DIR/"

    dotnet run --project build/HelpBuilder -c "$CONFIGURATION" -- docs/help "$MODULE_DIR/en-US/MagentoCloud.PowerShell.dll-Help.xml"
    say "Module ready: $MODULE_DIR"
}

run_tests() {
    restore_tools
    build_module
    local results="$OUT/test-results"
    rm -rf "$results"
    mkdir -p "$results"

    local services
    services="$(mktemp -d "${TMPDIR:-/tmp}/magentocloud-services.XXXXXX")"
    trap "bash '$ROOT/tests/infra/stop.sh' '$services' || true; rm -rf '$services'" EXIT
    say "Starting test services (sshd on 127.0.0.1-3, MariaDB)"
    bash tests/infra/start.sh "$services"
    # shellcheck disable=SC1091
    source "$services/services.env"
    export MC_TEST_SERVICES_ENV="$services/services.env"
    # Every temporary project of the run lands here, so stop.sh can end what they started.
    export TMPDIR="$services/tmp"
    mkdir -p "$TMPDIR"
    export MC_MODULE_MANIFEST="$MODULE_DIR/MagentoCloud.psd1"
    export MC_PESTER_MANIFEST="$TOOLS/packages/pester/$PESTER_VERSION/tools/Pester.psd1"

    local status=0
    say "xunit"
    # A hung test fails the run (with a dump of where it hung) instead of eating CI's time.
    dotnet test MagentoCloud.PS.sln -c "$CONFIGURATION" --nologo --blame-hang-timeout 10m \
        --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=1

    say "Pester"
    pwsh_run -File tests/pester/Invoke-Tests.ps1 -ResultFile "$results/pester.counts" || status=1

    local passed=0 failed=0 p f
    for trx in "$results"/*.trx; do
        [ -f "$trx" ] || continue
        p=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
        f=$(grep -o '<Counters [^>]*' "$trx" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
        passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    done
    if [ -f "$results/pester.counts" ]; then
        read -r p f < "$results/pester.counts"
        passed=$((passed + p)); failed=$((failed + f))
    fi
    echo "$passed passed, $failed failed"
    if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
        return 1
    fi
}

quickstart() {
    # The local default's private database server, and each environment's web server and PHP.
    bash build/install-packages.sh mariadb-server mariadb-client nginx php-fpm php-mysql curl redis-server
    restore_tools
    build_module
    local folder
    folder="$(mktemp -d "${TMPDIR:-/tmp}/magentocloud-quickstart.XXXXXX")"
    say "Quickstart in $folder"
    MC_MODULE_MANIFEST="$MODULE_DIR/MagentoCloud.psd1" pwsh_run -File examples/quickstart.ps1 -Path "$folder/shop"
}

bench() {
    restore_tools
    build_module
    MC_MODULE_MANIFEST="$MODULE_DIR/MagentoCloud.psd1" pwsh_run -File bench/Invoke-Benchmarks.ps1 "$@"
}

case "${1:-build}" in
    build) restore_tools; build_module ;;
    quickstart) quickstart ;;
    test) run_tests ;;
    bench) shift; bench "$@" ;;
    *) echo "usage: ./build.sh [build|quickstart|test|bench]" >&2; exit 2 ;;
esac
