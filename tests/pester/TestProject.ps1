# Shared by the Pester files, dot-sourced where needed.

# Removes a test's project folder, after stopping the project's private MariaDB server and its
# environments' nginx and PHP-FPM: they outlive a session on purpose, so a test stops what it caused.
# Its key files go too.
function Remove-TestProject([string] $Root, [string] $ProjectPath) {
    # The key files its sensitive variables made, under the user's configuration folder.
    $projectId = (Get-CloudProject -ProjectPath $ProjectPath -ErrorAction SilentlyContinue).Id
    if ($projectId) {
        Get-ChildItem (Join-Path ($env:XDG_CONFIG_HOME ?? (Join-Path $HOME '.config')) 'magento-cloud/keys') -Filter "$projectId.*" -ErrorAction SilentlyContinue |
            Remove-Item -Force
    }
    if (Test-Path (Join-Path $ProjectPath '.magento/local')) {
        Stop-CloudLocalRuntime -ProjectPath $ProjectPath -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
    }
    $pidFile = Join-Path $ProjectPath '.magento/local/mysql/mariadbd.pid'
    if (Test-Path $pidFile) {
        $serverId = [int](Get-Content $pidFile -Raw).Trim()
        Stop-Process -Id $serverId -ErrorAction SilentlyContinue
        Wait-Process -Id $serverId -Timeout 30 -ErrorAction SilentlyContinue
    }
    # The environments' private Redis servers, likewise.
    foreach ($redisPid in Get-ChildItem (Join-Path $ProjectPath '.magento/local/redis/*/redis.pid') -ErrorAction SilentlyContinue) {
        $serverId = [int](Get-Content $redisPid -Raw).Trim()
        Stop-Process -Id $serverId -ErrorAction SilentlyContinue
        Wait-Process -Id $serverId -Timeout 30 -ErrorAction SilentlyContinue
    }
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}
