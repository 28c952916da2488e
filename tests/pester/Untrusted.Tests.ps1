#Requires -Version 7.2
<#
    Project files and names that a pusher controls, used as a hostile user would: a broken or
    over-deep topology, a path for an environment name. Each is an error record with a stable id and
    its place; none falls back to the local default, reads outside the project or ends the session.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-untrusted-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    $script:TopologyFile = Join-Path $Project.Path '.magento/topology.yaml'
    Push-Location $Project.Path
}

AfterAll {
    Pop-Location
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'A broken topology' {
    AfterEach { Remove-Item $TopologyFile -ErrorAction SilentlyContinue }

    It 'stops every cmdlet with TopologyInvalid and its place, and never deploys locally' {
        Set-Content $TopologyFile "environments:`n  production:`n    hosts: deploy@127.0.0.1`n    root: /srv/shop`n"
        foreach ($command in @(
                { Get-CloudEnvironment -ErrorAction Stop },
                { Get-CloudProject -ErrorAction Stop },
                { Get-CloudVariable -Environment production -ErrorAction Stop },
                { Invoke-CloudDeploy -Environment production -Confirm:$false -ErrorAction Stop })) {
            $command | Should -Throw -ErrorId 'TopologyInvalid,*'
        }
        try { Get-CloudEnvironment -ErrorAction Stop } catch { $_.Exception.Message | Should -Match 'topology\.yaml:3:' }
        Test-Path (Join-Path $Project.Path '.magento/local/environments/production/releases') | Should -BeFalse
    }

    It 'is reported by Test-CloudProject as findings, not stopped' {
        Set-Content $TopologyFile "environments:`n  production:`n    hosts: [deploy@127.0.0.1`n"
        $findings = Test-CloudProject
        $findings | Where-Object { $_.File -eq '.magento/topology.yaml' -and $_.Severity -eq 'Error' } | Should -Not -BeNullOrEmpty
    }

    It 'nested 100,000 deep is an error, and the session goes on' {
        Set-Content $TopologyFile ('[' * 100000)
        { Get-CloudEnvironment -ErrorAction Stop } | Should -Throw -ErrorId 'TopologyInvalid,*'
        (Test-CloudProject | Where-Object Code -eq 'YamlLimit').Line | Should -Be 1
    }
}

Describe 'Names that are paths' {
    It 'Get-CloudSnapshot refuses an environment name that climbs out of the project' {
        New-Item -ItemType Directory (Join-Path $Project.Path '.magento/local/snapshots') -Force | Out-Null
        { Get-CloudSnapshot -Environment '../../../../tmp/x' -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNameInvalid,*'
    }
}
