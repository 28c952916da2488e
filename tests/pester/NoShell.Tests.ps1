#Requires -Version 7.2
<#
    A client without a POSIX shell: with a build host and SSH hosts, Invoke-CloudBuild and
    Invoke-CloudDeploy run in a PowerShell whose PATH reaches no sh, bash or setsid (nor any other
    tool of this machine). The hosts keep theirs: the build runs on the first test host, the slug
    goes from there to all three.
#>

BeforeAll {
    foreach ($name in 'MC_TEST_SSH_HOSTS', 'MC_TEST_SSH_PORT', 'MC_TEST_SSH_USER', 'MC_TEST_SSH_KEY', 'MC_TEST_SSH_KNOWN_HOSTS', 'MC_TEST_HOST_ROOTS') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: start the test services (tests/infra/start.sh) first." }
    }
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-noshell-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    git config user.email 'pester@example.com'
    git config user.name 'Pester'

    $script:Hosts = $env:MC_TEST_SSH_HOSTS -split ' '
    $hostsDir = Split-Path (($env:MC_TEST_HOST_ROOTS -split ' ')[0])
    $run = Split-Path -Leaf $Root
    $script:BuildRoot = "$hostsDir/$($Hosts[0])/$run/build"
    $script:EnvRoots = $Hosts | ForEach-Object { "$hostsDir/$_/$run/master" }
    $address = { param($h) '"{0}@{1}:{2}"' -f $env:MC_TEST_SSH_USER, $h, $env:MC_TEST_SSH_PORT }
    $hostList = ($Hosts | ForEach-Object { & $address $_ }) -join ', '
    @"
build:
  host: $(& $address $Hosts[0])
  root: $BuildRoot
  deploy_identity_file: $env:MC_TEST_SSH_KEY
environments:
  master:
    hosts: [$hostList]
    root: $hostsDir/{host}/$run/{environment}
    ssh: {identity_file: $env:MC_TEST_SSH_KEY, known_hosts: $env:MC_TEST_SSH_KNOWN_HOSTS}
"@ | Set-Content .magento/topology.yaml
    @'
name: mymagento
type: php:8.3
build:
  flavor: none
hooks:
  build: |
    mkdir -p generated
    printf '%s' "$MAGENTO_CLOUD_ENVIRONMENT" > generated/built-for.txt
  deploy: |
    echo deployed > var/deployed.txt
mounts:
  var: "shared:files/var"
'@ | Set-Content .magento.app.yaml
    git add -A
    git commit --quiet -m 'A build host; an app with no services'
    Push-CloudBranch -Branch master -NoDeploy -Confirm:$false | Out-Null

    # A PATH with nothing on it but an empty folder: no sh, bash, setsid, git or any other tool.
    $script:EmptyPath = Join-Path $Root 'empty-path'
    New-Item -ItemType Directory -Path $EmptyPath | Out-Null
}

AfterAll {
    Pop-Location
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
    foreach ($path in @($BuildRoot) + $EnvRoots) { Remove-Item -Recurse -Force (Split-Path $path) -ErrorAction SilentlyContinue }
}

Describe 'A client without sh, with a build host' {
    It 'builds on the build host and deploys to three hosts with no sh, bash or setsid on PATH' {
        $script = Join-Path $Root 'child.ps1'
        @'
$ErrorActionPreference = 'Stop'
foreach ($tool in 'sh', 'bash', 'setsid') { if (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue) { throw "$tool is reachable" } }
Import-Module -Name $env:MC_MODULE_MANIFEST -Force
Set-Location $args[0]
$slug = Invoke-CloudBuild -Environment master -Confirm:$false
$deploy = Invoke-CloudDeploy -Environment master -Confirm:$false
[pscustomobject]@{ BuildHost = $slug.BuildHost; Result = "$($deploy.Result)"; Log = ($deploy.Log -join "`n") } | ConvertTo-Json -Compress
'@ | Set-Content $script
        $start = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $script, $Project.Path) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.Environment['PATH'] = $EmptyPath
        $child = [System.Diagnostics.Process]::Start($start)
        $errorText = $child.StandardError.ReadToEndAsync()
        $output = $child.StandardOutput.ReadToEnd()
        $child.WaitForExit()
        $child.ExitCode | Should -Be 0 -Because "$output $($errorText.Result)"
        $result = ($output -split "`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        $result.BuildHost | Should -Be ('{0}@{1}:{2}' -f $env:MC_TEST_SSH_USER, $Hosts[0], $env:MC_TEST_SSH_PORT)
        $result.Result | Should -Be 'Success' -Because $result.Log
        foreach ($root in $EnvRoots) {
            Get-Content (Join-Path $root 'current/generated/built-for.txt') | Should -Be 'master'
        }
        # Nothing was built on this machine.
        Test-Path (Join-Path $Project.Path '.magento/local/slugs/*.json') | Should -BeFalse
    }
}
