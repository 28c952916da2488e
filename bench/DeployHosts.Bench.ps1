<#
.SYNOPSIS
    Deploy of a ~20,000-file slug to three SSH hosts against one host, alternating, medians.
    Goal: three hosts under 1.3x one. Uses the running test services, or starts tests/infra itself.
#>
param([int] $Runs = 3, [int] $Files = 20000)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'DeployInfra.ps1')
$state = Start-BenchHosts
try {
    $figures = Invoke-DeployBench @('hosts', $Runs, $Files)
}
finally {
    Stop-BenchHosts $state
}
$figures.Steps.PSObject.Properties | Where-Object { $_.Value.ThreeMs -ge 50 } |
    ForEach-Object { Write-Host ("  step {0,-22} one {1,7:0} ms  three {2,7:0} ms" -f $_.Name, $_.Value.OneMs, $_.Value.ThreeMs) }
Write-Host ("  plain OpenSSH unpack of the same slug: one {0:0} ms, three at once {1:0} ms, ratio {2:0.00} (what this machine allows)" -f `
    $figures.PlainSshOneHostMs, $figures.PlainSshThreeHostsMs, $figures.PlainSshRatio)
[pscustomobject]@{
    Benchmark  = "Deploy of a $($figures.Files)-file slug: three SSH hosts vs one"
    BaselineMs = $figures.OneHostMs
    MeasuredMs = $figures.ThreeHostsMs
    Ratio      = $figures.Ratio
    PlainSsh   = $figures.PlainSshRatio
    Goal       = 'three < 1.3x one'
    Met        = $figures.Ratio -lt 1.3
}
