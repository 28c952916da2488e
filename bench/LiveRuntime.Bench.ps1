<#
.SYNOPSIS
    The web runtime on the local default: zero downtime through a redeploy, the cost of going live
    and checked, and the memory of one idle environment's nginx and PHP-FPM.
.DESCRIPTION
    Zero downtime: a request loop on loopback (a process of its own) against master while a new commit
    deploys, counting answers from the old release, the new one, maintenance 503s, other errors and
    refused connections; the p99 latency of the requests within 1 s of the switch (the first answer of
    the new release) against the idle p99 of the same loop before the deploy, after its first
    -IdleRequests warming requests (goal: 0 errors, 0 refused, p99 ≤ 2× idle), after -WarmupDeploys deploys of
    the same session (a session's first deploys keep a core busy for about a second after each, recompiling
    their hot code); the p99 over the whole
    deploy is shown for information. Push to first 200: Invoke-CloudDeploy with the runtime (start, health check)
    against the same deploy of an application without web locations (goal ≤ 1.2×), on the local
    default and on the three SSH test hosts (until each host's own nginx serves the new release). Memory: RSS of
    nginx (master and worker) and the PHP-FPM pool (master and an idle worker) (goal ≤ 64 MiB).
#>
param([int] $Runs = 7, [int] $WarmupDeploys = 20, [int] $IdleRequests = 3000, [switch] $SkipLocal)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot 'Measure.ps1')
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
if ($env:MC_MODULE_MANIFEST) { Import-Module $env:MC_MODULE_MANIFEST } else { Import-Module MagentoCloud }

$root = Join-Path ([IO.Path]::GetTempPath()) ("mc-bench-live-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
$plainRoot = "$root-plain"
$clusterRoot = "$root-cluster"
$clusterPlainRoot = "$root-cluster-plain"
$hostsState = $null
$run = $null
$client = [Net.Http.HttpClient]::new([Net.Http.SocketsHttpHandler]@{ UseProxy = $false; AllowAutoRedirect = $false })

function Get-Percentile([double[]] $Values, [double] $Percent) {
    $sorted = $Values | Sort-Object
    $sorted[[int][Math]::Min($sorted.Count - 1, [Math]::Ceiling($Percent / 100 * $sorted.Count) - 1)]
}

function New-BenchProject([string] $Path, [bool] $Web, [string] $Topology) {
    $project = New-CloudProject -Path $Path -Title 'Bench shop' -Confirm:$false
    Push-Location $project.Path
    if ($Topology) { Set-Content -Path .magento/topology.yaml -Value $Topology }
    git config user.email 'bench@example.com'; git config user.name 'Bench'
    # No database: the benchmark is about the web runtime.
    (Get-Content -Raw .magento.app.yaml) -replace '(?ms)^relationships:.*?(?=^\S)', '' | Set-Content .magento.app.yaml
    if (-not $Web) { (Get-Content -Raw .magento.app.yaml) -replace '(?ms)^web:.*?(?=^\S)', '' | Set-Content .magento.app.yaml }
    git add -A; git commit --quiet -m 'bench app'
    Push-CloudBranch -Branch master -Confirm:$false | Out-Null
    Pop-Location
    $project
}

function Invoke-Marked([string] $Path, [string] $Marker) {
    Push-Location $Path
    Set-Content -Path pub/marker.txt -Value $Marker
    (Get-Content -Raw pub/index.html) -replace '<h1>.*</h1>', "<h1>$Marker</h1>" | Set-Content pub/index.html
    git add -A; git commit --quiet -m $Marker
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $activity = Push-CloudBranch -Branch master -Confirm:$false | Select-Object -Last 1
    $watch.Stop()
    Pop-Location
    if ($activity.Result -ne 'Success') { throw "Deploy of $Marker failed: $($activity.Log)" }
    $watch.Elapsed.TotalMilliseconds
}

try {
    if (-not $SkipLocal) {
        $project = New-BenchProject $root $true
        $plain = New-BenchProject $plainRoot $false
        $url = [uri] (Get-CloudEnvironment master -ProjectPath $project.Path).Url
        $target = "http://127.0.0.1:$($url.Port)/"
        $hostHeader = $url.Authority

        # A request loop through a redeploy of a new commit (bounded: at most 60000 requests). The deploying process
        # warms up first: a session's first deploys spend a second of a core after each on recompiling their hot
        # code (.NET's tiered JIT), which competes with the servers on a 2-core machine; measured is a session's
        # steady deploy, not its first.
        for ($w = 0; $w -lt $WarmupDeploys; $w++) { $null = Invoke-Marked $project.Path "warm-$w" }
        $null = Invoke-Marked $project.Path 'release-A'
        # Settled before the loop starts: its idle p99 must not take in the last deploy's recompiling.
        Start-Sleep -Seconds 3
        # The loop runs in a process of its own: the deploy's garbage collections must not pause the client it measures.
        $stop = Join-Path $root 'stop-loop'
        $loop = Start-Job -ArgumentList $target, $hostHeader, $stop -ScriptBlock {
            param($target, $hostHeader, $stop)
            $client = [Net.Http.HttpClient]::new([Net.Http.SocketsHttpHandler]@{ UseProxy = $false; AllowAutoRedirect = $false })
            $counts = @{ Old = 0; New = 0; Maintenance = 0; Error = 0; Refused = 0 }
            $latencies = [Collections.Generic.List[double]]::new()
            $startedAt = [Collections.Generic.List[double]]::new()
            $firstNew = $null
            for ($i = 0; $i -lt 60000 -and -not [IO.File]::Exists($stop); $i++) {
                $request = [Net.Http.HttpRequestMessage]::new('GET', $target); $request.Headers.Host = $hostHeader
                $start = [DateTime]::UtcNow.Ticks / 10000.0
                $watch = [Diagnostics.Stopwatch]::StartNew()
                try {
                    $response = $client.Send($request); $body = $response.Content.ReadAsStringAsync().Result
                    $latencies.Add($watch.Elapsed.TotalMilliseconds); $startedAt.Add($start)
                    $status = [int]$response.StatusCode
                    if ($status -eq 503) { $counts.Maintenance++ }
                    elseif ($status -ne 200) { $counts.Error++ }
                    elseif ($body -match 'release-B') { $counts.New++; if ($null -eq $firstNew) { $firstNew = $start } }
                    elseif ($body -match 'release-A') { $counts.Old++ }
                    else { $counts.Error++ }
                } catch { $counts.Refused++ }
            }
            [pscustomobject]@{ Counts = $counts; Latencies = $latencies.ToArray(); StartedAt = $startedAt.ToArray(); FirstNew = $firstNew }
        }
        # Idle: the loop's own requests before the deploy starts (after its first, warming ones).
        while ($loop.State -eq 'NotStarted') { Start-Sleep -Milliseconds 50 }
        Start-Sleep -Seconds 5
        $deployStart = [DateTime]::UtcNow.Ticks / 10000.0
        $null = Invoke-Marked $project.Path 'release-B'
        Start-Sleep -Milliseconds 300
        Set-Content -Path $stop -Value stop
        $during = Receive-Job $loop -Wait -AutoRemoveJob
        $before = for ($i = 0; $i -lt $during.Latencies.Count; $i++) { if ($during.StartedAt[$i] -lt $deployStart) { $during.Latencies[$i] } }
        if (@($before).Count -le $IdleRequests) { throw "The loop sent only $(@($before).Count) requests before the deploy: raise the wait." }
        $idleP99 = Get-Percentile @($before)[$IdleRequests..(@($before).Count - 1)] 99
        $deploying = for ($i = 0; $i -lt $during.Latencies.Count; $i++) { if ($during.StartedAt[$i] -ge $deployStart) { $during.Latencies[$i] } }
        $duringP99 = Get-Percentile $deploying 99
        $c = $during.Counts
        if ($null -eq $during.FirstNew) { throw 'The request loop never saw release-B: the redeploy did not go live.' }
        # The switch: the requests sent within a second around the first answer of the new release.
        $aroundSwitch = for ($i = 0; $i -lt $during.Latencies.Count; $i++) {
            if ([Math]::Abs($during.StartedAt[$i] - $during.FirstNew) -le 1000) { $during.Latencies[$i] }
        }
        $switchP99 = Get-Percentile $aroundSwitch 99
        [pscustomobject]@{
            Benchmark  = "Zero downtime through a redeploy: $($during.Latencies.Count + $c.Refused) requests, old $($c.Old), new $($c.New), maintenance 503 $($c.Maintenance), errors $($c.Error), refused $($c.Refused); p99 of the $(@($aroundSwitch).Count) requests within 1 s of the switch"
            BaselineMs = [Math]::Round($idleP99, 2)
            MeasuredMs = [Math]::Round($switchP99, 2)
            Ratio      = [Math]::Round($switchP99 / $idleP99, 2)
            Goal       = 'errors 0, refused 0, p99 during the switch ≤ 2× idle p99'
            Met        = $c.Error -eq 0 -and $c.Refused -eq 0 -and $switchP99 -le 2 * $idleP99
        }
        [pscustomobject]@{
            Benchmark  = 'The same loop over the whole redeploy (build, upload and hooks share the machine''s cores with nginx and PHP-FPM)'
            BaselineMs = [Math]::Round($idleP99, 2)
            MeasuredMs = [Math]::Round($duringP99, 2)
            Ratio      = [Math]::Round($duringP99 / $idleP99, 2)
            Goal       = 'for information'
            Met        = $null
        }

        # Push to first 200 of the new release: with the runtime against without it.
        # Alternating, so that the machine's drift falls on both alike.
        $with = [Collections.Generic.List[double]]::new(); $without = [Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Runs; $i++) {
            $ms = Invoke-Marked $project.Path "with-$i"
            $deadline = [Diagnostics.Stopwatch]::StartNew()
            do {
                $request = [Net.Http.HttpRequestMessage]::new('GET', $target); $request.Headers.Host = $hostHeader
                $body = $client.Send($request).Content.ReadAsStringAsync().Result
            } until ($body -match "with-$i" -or $deadline.Elapsed.TotalSeconds -gt 10)
            $with.Add($ms + $deadline.Elapsed.TotalMilliseconds)
            $without.Add((Invoke-Marked $plain.Path "without-$i"))
        }
        $withMs = Get-Median $with; $withoutMs = Get-Median $without
        [pscustomobject]@{
            Benchmark  = 'Push to first 200 of the new release, 1 host (local): with the runtime vs the same deploy without it'
            BaselineMs = [Math]::Round($withoutMs, 0)
            MeasuredMs = [Math]::Round($withMs, 0)
            Ratio      = [Math]::Round($withMs / $withoutMs, 2)
            Goal       = 'ratio ≤ 1.2'
            Met        = $withMs / $withoutMs -le 1.2
        }

        # Memory of one idle environment's runtime: nginx master + worker, PHP-FPM master + its workers.
        $web = Join-Path $project.Path '.magento/local/web'
        $run = Join-Path $project.Path '.magento/local/environments/master/run'
        $pids = @([int](Get-Content -Raw (Join-Path $web 'nginx.pid')).Trim()) +
            @(Get-ChildItem $run -Filter 'php-fpm-*.pid' | ForEach-Object { [int](Get-Content -Raw $_.FullName).Trim() })
        $all = $pids + @($pids | ForEach-Object { (Get-Content "/proc/$_/task/$_/children" -ErrorAction SilentlyContinue) -split ' ' } | Where-Object { $_ } | ForEach-Object { [int]$_ })
        $rssKiB = ($all | ForEach-Object { [int]((Select-String -Path "/proc/$_/status" -Pattern '^VmRSS:\s+(\d+)').Matches[0].Groups[1].Value) } | Measure-Object -Sum).Sum
        [pscustomobject]@{
            Benchmark  = "RSS of one idle environment's runtime ($($all.Count) processes: nginx master and worker, PHP-FPM master and workers)"
            BaselineMs = $null
            MeasuredMs = $null
            Ratio      = "$([Math]::Round($rssKiB / 1024, 1)) MiB"
            Goal       = '≤ 64 MiB'
            Met        = $rssKiB / 1024 -le 64
        }
    }

    # Push to first 200 of the new release on all three SSH test hosts: each host's own nginx on its
    # own address, against the same deploy to the same hosts of an application without web locations.
    $hostsState = Start-BenchHosts
    $port = & { $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $l.Start(); $l.LocalEndpoint.Port; $l.Stop() }
    $addresses = $env:MC_TEST_SSH_HOSTS -split ' ' | Where-Object { $_ }
    $hostRoots = Split-Path (($env:MC_TEST_HOST_ROOTS -split ' ')[0].TrimEnd('/'))
    function Get-ClusterTopology([string] $Run, [string] $Url) {
        $lines = @('environments:', '    master:')
        if ($Url) { $lines += "        url: $Url" }
        $lines += '        hosts:'
        $lines += $addresses | ForEach-Object { "            - $($env:MC_TEST_SSH_USER)@$($_):$($env:MC_TEST_SSH_PORT)" }
        $lines += "        root: $hostRoots/{host}/$Run/{environment}", '        ssh:',
            "            identity_file: $($env:MC_TEST_SSH_KEY)", "            known_hosts: $($env:MC_TEST_SSH_KNOWN_HOSTS)"
        $lines -join "`n"
    }
    $run = 'bench-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    $cluster = New-BenchProject $clusterRoot $true (Get-ClusterTopology "$run-web" "http://master.bench.test:$port/")
    $clusterPlain = New-BenchProject $clusterPlainRoot $false (Get-ClusterTopology "$run-plain" $null)
    $withHosts = [Collections.Generic.List[double]]::new(); $withoutHosts = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Runs; $i++) {
        $ms = Invoke-Marked $cluster.Path "hosts-with-$i"
        $deadline = [Diagnostics.Stopwatch]::StartNew()
        foreach ($address in $addresses) {
            do {
                $request = [Net.Http.HttpRequestMessage]::new('GET', "http://$($address):$port/"); $request.Headers.Host = "master.bench.test:$port"
                $body = $client.Send($request).Content.ReadAsStringAsync().Result
            } until ($body -match "hosts-with-$i" -or $deadline.Elapsed.TotalSeconds -gt 10)
            if ($body -notmatch "hosts-with-$i") { throw "$address does not serve hosts-with-$i" }
        }
        $withHosts.Add($ms + $deadline.Elapsed.TotalMilliseconds)
        $withoutHosts.Add((Invoke-Marked $clusterPlain.Path "hosts-without-$i"))
    }
    $withMs = Get-Median $withHosts; $withoutMs = Get-Median $withoutHosts
    [pscustomobject]@{
        Benchmark  = 'Push to first 200 of the new release on all 3 SSH hosts: with the runtime vs the same deploy without it'
        BaselineMs = [Math]::Round($withoutMs, 0)
        MeasuredMs = [Math]::Round($withMs, 0)
        Ratio      = [Math]::Round($withMs / $withoutMs, 2)
        Goal       = 'ratio ≤ 1.2'
        Met        = $withMs / $withoutMs -le 1.2
    }
}
finally {
    if (Test-Path $clusterRoot) { Stop-CloudEnvironmentRuntime master -ProjectPath $clusterRoot -Force -ErrorAction SilentlyContinue | Out-Null }
    if ($run) {
        foreach ($address in $addresses) {
            Remove-Item -Recurse -Force (Join-Path $hostRoots "$address/$run-web"), (Join-Path $hostRoots "$address/$run-plain") -ErrorAction SilentlyContinue
        }
    }
    Stop-BenchHosts $hostsState
    foreach ($path in $root, $plainRoot, $clusterRoot, $clusterPlainRoot) {
        if (Test-Path $path) {
            Stop-CloudLocalRuntime -ProjectPath $path -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
            Remove-Item -Recurse -Force $path -ErrorAction SilentlyContinue
        }
    }
}
