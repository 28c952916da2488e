<#
.SYNOPSIS
    Get-CloudEnvironment on a project with 200 branches, in a warm session, against
    `git for-each-ref` over the same project remote in the same run. Goal: median under 250 ms.
#>
param([int] $Branches = 200, [int] $Runs = 20)
. (Join-Path $PSScriptRoot 'Measure.ps1')
Import-Module $env:MC_MODULE_MANIFEST
$ProgressPreference = 'SilentlyContinue'
$root = Join-Path ([IO.Path]::GetTempPath()) ("mc-bench-envs-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
try {
    $project = New-CloudProject -Path $root -Confirm:$false
    Push-Location $project.Path
    for ($i = 1; $i -le $Branches - 3; $i++) { $null = New-CloudBranch -Environment "feature-$i" -Inactive -Confirm:$false -ErrorAction Stop }
    $count = @(Get-CloudEnvironment).Count
    $remote = $project.Remote
    $git = Measure-Median -Runs $Runs { git --git-dir $remote for-each-ref --format '%(refname) %(objectname)' refs/heads }
    $list = Measure-Median -Runs $Runs { Get-CloudEnvironment }
    [pscustomobject]@{
        Benchmark    = "Get-CloudEnvironment ($count environments, warm)"
        BaselineMs   = $git
        MeasuredMs   = $list
        Ratio        = [Math]::Round($list / $git, 2)
        Goal         = 'median < 250 ms'
        Met          = $list -lt 250
    }
}
finally {
    Pop-Location -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}
