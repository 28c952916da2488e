<#
.SYNOPSIS
    Walks the Magento Commerce Cloud Pro workflow on the local default, as a new user meets it.
.DESCRIPTION
    Makes a project in -Path, deploys its environments, branches sprint-1 (deployed at once), pushes a
    change (build and deploy run by themselves, as on Magento Cloud), merges it up through master,
    staging and production (each merge deploys the parent; one build, reused), looks at the
    activities and releases, and rolls production back once. Each step prints what it gets, as a
    console would show it. Run it through ./build.sh quickstart, or directly after importing the module.
#>
param(
    [Parameter(Mandatory)]
    [string] $Path
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($env:MC_MODULE_MANIFEST) { Import-Module $env:MC_MODULE_MANIFEST } else { Import-Module MagentoCloud }
$started = [Diagnostics.Stopwatch]::StartNew()

function Step([string] $Title) {
    Write-Host ''
    Write-Host "── $Title " -ForegroundColor Cyan
}


Step 'Make the project (master, staging and production on the local default)'
$project = New-CloudProject -Path $Path -Title 'Quickstart shop' -Confirm:$false
$project | Format-Table | Out-Host
Set-Location $project.Path
Test-CloudProject | Format-Table | Out-Host

Step 'The environments'
Get-CloudEnvironment | Format-Table | Out-Host

Step 'Deploy them: the first build makes the slug, the others reuse it'
$initial = 'master', 'staging', 'production' | ForEach-Object { Invoke-CloudDeploy -Environment $_ -Confirm:$false }
$initial | Format-Table | Out-Host
Get-CloudEnvironment | Format-Table | Out-Host

Step 'Branch sprint-1 from master (the new environment is deployed at once: master''s slug, reused)'
New-CloudBranch -Environment sprint-1 -Title 'Sprint 1' -Confirm:$false | Out-Host

Step 'Change code on sprint-1 and push it (build and deploy run)'
git checkout --quiet -b sprint-1
Add-Content -Path pub/index.html -Value '<p>New in sprint 1: a faster checkout.</p>'
git add pub/index.html
git commit --quiet -m 'Sprint 1: faster checkout'
# The push writes its activity, then the deploy's.
Push-CloudBranch -Branch sprint-1 -Confirm:$false | Format-Table | Out-Host
Invoke-CloudCommand -Environment sprint-1 -Command 'tail -n 1 pub/index.html' | Format-Table | Out-Host

Step 'Code flows up: sprint-1 into master, master into staging, staging into production (each merge deploys the parent)'
foreach ($environment in 'sprint-1', 'master', 'staging') {
    Merge-CloudBranch -Environment $environment -Confirm:$false | Format-Table | Out-Host
}
Step 'One build, reused: the slug of the merged tree'
Invoke-CloudBuild -Environment production -Confirm:$false | Format-Table | Out-Host

Step 'What happened: the activities, the last deploy step by step, and the releases'
Get-CloudActivity -Last 12 | Format-Table | Out-Host
(Get-CloudActivity -Environment production | Where-Object { $_.Steps.Count -gt 0 } | Sort-Object CreatedAt | Select-Object -Last 1).Steps |
    Format-Table | Out-Host
Get-CloudRelease -Environment production | Format-Table | Out-Host

Step 'Roll production back once (code only; the database stays as it is)'
Undo-CloudDeploy -Environment production -Confirm:$false | Format-Table | Out-Host
Get-CloudRelease -Environment production | Format-Table | Out-Host
Get-CloudEnvironment | Format-Table | Out-Host

$activities = @(Get-CloudActivity)
$failed = @($activities | Where-Object Result -eq 'Failure')
Write-Host ''
Write-Host ("Quickstart finished in {0:N1} s: {1} environments, {2} activities, {3} failed; project at {4}" -f
    $started.Elapsed.TotalSeconds, @(Get-CloudEnvironment).Count, $activities.Count, $failed.Count, $project.Path)
if ($failed.Count -gt 0) { exit 1 }
