#Requires -Version 7.2
<#
    The local default serves what it deploys: the blank site's PHP front controller answers at the
    environment's URL, and Stop-/Start-CloudLocalRuntime end and bring back MariaDB, nginx and PHP-FPM.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-live-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Title 'Live shop' -Confirm:$false
    Push-Location $Project.Path

    # *.localhost is loopback: ask 127.0.0.1 with the environment's Host header.
    function script:Get-Page([string] $Url) {
        $uri = [uri] $Url
        $response = Invoke-WebRequest -Uri "http://127.0.0.1:$($uri.Port)$($uri.PathAndQuery)" -Headers @{ Host = $uri.Authority } `
            -SkipHttpErrorCheck -TimeoutSec 10
        [pscustomobject]@{
            Status = [int] $response.StatusCode
            Title  = if ($response.Content -match '<title>(.*?)</title>') { $Matches[1] } else { '' }
        }
    }
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'A deployed environment on the local default' {
    It 'answers at its URL with the blank site''s PHP page' {
        (Invoke-CloudDeploy -Environment master -Confirm:$false).Result | Should -Be 'Success'
        $master = Get-CloudEnvironment master
        $master.Url | Should -Match "^http://master\.[a-z0-9]+\.localhost:\d+/$"
        $page = Get-Page $master.Url
        $page.Status | Should -Be 200
        $page.Title | Should -Be 'Live shop · master'
    }
}

Describe 'Get-CloudLog' {
    It 'returns the environment''s access log as one object per line' {
        $null = Get-Page (Get-CloudEnvironment master).Url
        $lines = Get-CloudLog master access -Tail 5
        $lines[0].GetType().FullName | Should -Be 'MagentoCloud.Engine.Runtime.CloudLogLine'
        @($lines | Where-Object { $_.Text -match '"GET / HTTP/1.1" 200' -and $_.Host -eq 'local' }).Count | Should -BeGreaterThan 0
        ($lines | Select-Object -Last 1).Time | Should -BeOfType [DateTimeOffset]
    }
}

Describe 'Stop-CloudLocalRuntime and Start-CloudLocalRuntime' {
    It 'stops MariaDB, nginx and PHP-FPM, and starts them again' {
        $url = (Get-CloudEnvironment master).Url
        $nginx = [int](Get-Content -Raw '.magento/local/web/nginx.pid').Trim()

        $stopped = Stop-CloudLocalRuntime -Confirm:$false
        $stopped[0].GetType().FullName | Should -Be 'MagentoCloud.Engine.Runtime.CloudLocalService'
        $stopped.Service | Should -Contain 'MariaDB'
        $stopped.Running | Should -Not -Contain $true
        Wait-Process -Id $nginx -Timeout 10 -ErrorAction SilentlyContinue
        Get-Process -Id $nginx -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        { Invoke-WebRequest -Uri "http://127.0.0.1:$(([uri]$url).Port)/" -TimeoutSec 5 } | Should -Throw

        $started = Start-CloudLocalRuntime -Confirm:$false
        ($started | Where-Object Environment -eq 'master').Url | Should -Be $url
        (Get-Page $url).Status | Should -Be 200
    }

    It 'changes nothing with -WhatIf' {
        Stop-CloudLocalRuntime -WhatIf | Should -BeNullOrEmpty
        (Get-Page (Get-CloudEnvironment master).Url).Status | Should -Be 200
    }
}

Describe 'Stop-CloudEnvironmentRuntime and Start-CloudEnvironmentRuntime' {
    It 'stops one environment''s nginx site and PHP-FPM, and starts what is missing from the pipeline' {
        $url = (Get-CloudEnvironment master).Url

        Get-CloudEnvironment master | Stop-CloudEnvironmentRuntime -WhatIf | Should -BeNullOrEmpty
        (Get-Page $url).Status | Should -Be 200

        $stopped = Get-CloudEnvironment master | Stop-CloudEnvironmentRuntime -Force
        $stopped.GetType().FullName | Should -Be 'MagentoCloud.Engine.Runtime.CloudHostRuntime'
        $stopped.Host | Should -Be 'local'
        $stopped.Stopped | Should -Be @('nginx', 'PHP-FPM')
        { Invoke-WebRequest -Uri "http://127.0.0.1:$(([uri]$url).Port)/" -TimeoutSec 5 } | Should -Throw

        $started = Get-CloudEnvironment master | Start-CloudEnvironmentRuntime -Confirm:$false
        $started.Started | Should -Contain 'nginx'
        $started.Started | Should -Contain 'PHP-FPM'
        $started.AlreadyRunning | Should -Contain 'MariaDB'
        (Get-Page $url).Status | Should -Be 200

        (Start-CloudEnvironmentRuntime master -Confirm:$false).Started | Should -BeNullOrEmpty
    }
}
