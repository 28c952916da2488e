#Requires -Version 7.2
<#
    An application with a Redis relationship on the local default, used as a person would: its deploy
    starts the environment's own redis-server, Get-CloudService (piped from Get-CloudEnvironment) shows
    it without secrets, and removing the environment frees it.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-svc-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    git config user.email 'pester@example.com'
    git config user.name 'Pester'
    Add-Content .magento/services.yaml "redis:`n    type: redis:7.2"
    (Get-Content .magento.app.yaml -Raw).Replace("    database: `"mysql:mysql`"`n", "    database: `"mysql:mysql`"`n    redis: `"redis:redis`"`n") |
        Set-Content .magento.app.yaml -NoNewline
    git commit --quiet -am 'Redis relationship'
    $script:Pushed = Push-CloudBranch -Branch master -Confirm:$false
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Get-CloudService' {
    It 'shows the redis-server that the deploy started, piped from Get-CloudEnvironment, without its password' {
        $redis = Get-CloudEnvironment master | Get-CloudService | Where-Object Relationship -eq 'redis'
        $redis.State | Should -Be 'Running'
        $redis.Type | Should -Be 'redis'
        $redis.Version | Should -Be '7.2'
        $redis.Host | Should -Be 'local'
        $redis.Endpoint | Should -Match '^redis://127\.0\.0\.1:\d+$'
        $redis.PSObject.Properties.Name | Should -Not -Contain 'Password'
        $password = (Get-Content (Get-ChildItem .magento/local/redis/*/server.json | Select-Object -First 1) -Raw | ConvertFrom-Json).Password
        (Get-CloudService master | Out-String) | Should -Not -Match $password
        (Get-CloudService master | Out-String) | Should -Match 'Running'
    }

    It 'frees the redis-server of an environment that Remove-CloudEnvironment deactivates' {
        New-CloudBranch -Environment feature -Confirm:$false | Out-Null
        Invoke-CloudDeploy -Environment feature -Confirm:$false | Out-Null
        (Get-CloudService feature | Where-Object Relationship -eq 'redis').State | Should -Be 'Running'
        Remove-CloudEnvironment -Environment feature -Confirm:$false | Out-Null
        (Get-CloudService feature | Where-Object Relationship -eq 'redis').State | Should -Be 'Stopped'
        (Get-CloudService master | Where-Object Relationship -eq 'redis').State | Should -Be 'Running'
    }
}
