#Requires -Version 7.2
<#
    Trusting new SSH hosts, as a person would: production on the three loopback sshd hosts with a
    known_hosts file that knows none of them. Every cmdlet that reaches them says HostKeyUnknown and
    names Add-CloudKnownHost, which shows the fingerprints and adds them once confirmed.
#>

BeforeAll {
    foreach ($name in 'MC_TEST_SSH_HOSTS', 'MC_TEST_SSH_PORT', 'MC_TEST_SSH_USER', 'MC_TEST_SSH_KEY', 'MC_TEST_SSH_KNOWN_HOSTS', 'MC_TEST_HOST_ROOTS') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: start the test services (tests/infra/start.sh) first." }
    }
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-knownhosts-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path

    $script:Hosts = $env:MC_TEST_SSH_HOSTS -split ' '
    $script:KnownHosts = Join-Path $Root 'known_hosts'
    Set-Content -Path $KnownHosts -Value $null
    $hostsDir = Split-Path (($env:MC_TEST_HOST_ROOTS -split ' ')[0])
    $hostList = ($Hosts | ForEach-Object { '"{0}@{1}:{2}"' -f $env:MC_TEST_SSH_USER, $_, $env:MC_TEST_SSH_PORT }) -join ', '
    @"
environments:
  production:
    hosts: [$hostList]
    root: $hostsDir/{host}/$(Split-Path -Leaf $Root)/{environment}
    ssh: {identity_file: $env:MC_TEST_SSH_KEY, known_hosts: $KnownHosts}
"@ | Set-Content .magento/topology.yaml
    # The fingerprints the hosts' owner reads (the test services' known_hosts trusts them all).
    $script:Fingerprints = @{}
    foreach ($line in (ssh-keygen -l -f $env:MC_TEST_SSH_KNOWN_HOSTS)) {
        $fields = $line -split ' '
        $Fingerprints[$fields[2]] = $fields[1]
    }
}

AfterAll {
    Pop-Location
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'Hosts not in known_hosts' {
    It 'refuses a deploy with HostKeyUnknown, not DeployFailed, naming Add-CloudKnownHost' {
        Invoke-CloudDeploy -Environment production -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'HostKeyUnknown,*'
        $failed[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $failed[0].Exception.Message | Should -Match 'Add-CloudKnownHost'
        (Get-CloudActivity -Environment production -Last 1).ErrorId | Should -Be 'HostKeyUnknown'
    }

    It 'refuses commands, releases and rollbacks with HostKeyUnknown too' {
        { Invoke-CloudCommand -Environment production -Command 'true' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'HostKeyUnknown*'
        { Get-CloudRelease -Environment production -ErrorAction Stop } | Should -Throw -ErrorId 'HostKeyUnknown*'
        { Undo-CloudDeploy -Environment production -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'HostKeyUnknown*'
        # A merge into production deploys it: that deploy's error keeps its id as well.
        Merge-CloudBranch -Environment staging -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable merged | Out-Null
        $merged[0].FullyQualifiedErrorId | Should -BeLike 'HostKeyUnknown,*'
    }

    It 'shows the fingerprints and adds nothing with -WhatIf' {
        Add-CloudKnownHost -Environment production -WhatIf | Should -BeNullOrEmpty
        (Get-Item $KnownHosts).Length | Should -Be 0
    }

    It 'adds every host of the environment after confirmation, with the fingerprints their owner sees' {
        $keys = Add-CloudKnownHost -Environment production -Force
        $keys.Count | Should -Be 3
        $keys[0].GetType().FullName | Should -Be 'MagentoCloud.Engine.Transport.CloudHostKey'
        foreach ($key in $keys) {
            $key.Added | Should -BeTrue
            $key.Status | Should -Be 'Known'
            $key.Fingerprint | Should -Be $Fingerprints[$key.KnownHostsName]
        }
        @(Get-Content $KnownHosts).Count | Should -Be 3
    }

    It 'leaves known keys alone when run again' {
        $again = Add-CloudKnownHost -Environment production -Confirm:$false
        ($again | Where-Object Added) | Should -BeNullOrEmpty
        @(Get-Content $KnownHosts).Count | Should -Be 3
    }

    It 'then deploys' {
        (Invoke-CloudDeploy -Environment production -Confirm:$false).Result | Should -Be 'Success'
    }

    It 'never replaces a changed key' {
        $other = Join-Path $Root 'other_known_hosts'
        $first = "[$($Hosts[0])]:$($env:MC_TEST_SSH_PORT)"
        $wrongKey = (Get-Content $KnownHosts | Where-Object { -not $_.StartsWith("$first ") } | Select-Object -First 1).Split(' ', 2)[1]
        Set-Content -Path $other -Value "$first $wrongKey"
        Add-CloudKnownHost -HostName "$($env:MC_TEST_SSH_USER)@$($Hosts[0]):$($env:MC_TEST_SSH_PORT)" -KnownHostsFile $other -Force `
            -ErrorAction SilentlyContinue -ErrorVariable refused | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'HostKeyChanged,*'
        @(Get-Content $other) | Should -Be @("$first $wrongKey")
    }
}
