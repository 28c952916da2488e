#Requires -Version 7.2
<#
    Get-CloudLog reads the hooks' and crons' output kept on the host (masked, stamped), and -Follow
    streams new lines as they are written until it is stopped, leaving no tail process behind.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-logs-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path
    git config user.email 'pester@example.com'
    git config user.name 'Pester'
    $script:Secret = 'pester-S3cret-' + [guid]::NewGuid().ToString('n').Substring(0, 6)
    Set-CloudVariable -Name env:API_TOKEN -Value $Secret -Environment master -Sensitive -Confirm:$false | Out-Null
    $app = Get-Content -Raw .magento.app.yaml
    $app = $app -replace '(?m)^(\s+)deploy: \|\r?\n', "`$0`$1    echo `"token is `$`$API_TOKEN`"`n"
    $app = $app -replace '(?m)^crons:\r?\n', "`$0    hello:`n        spec: `"0 0 1 1 *`"`n        cmd: `"echo hello-from-cron `$`$API_TOKEN`"`n"
    Set-Content -Path .magento.app.yaml -Value $app -NoNewline
    git commit --quiet -am 'A hook and a cron that print'
    Push-CloudBranch -Branch master -NoDeploy -Confirm:$false | Out-Null
    (Invoke-CloudDeploy -Environment master -Confirm:$false).Result | Should -Be 'Success'
    $script:EnvRoot = Join-Path $Project.Path '.magento/local/environments/master'

    # Runs a cron of the environment's crontab file as cron would: its command after the schedule, each \% made %.
    function script:Invoke-Cron([string] $Name) {
        $line = Get-Content (Join-Path $EnvRoot 'crontab') | Where-Object { $_ -match "cron-$Name\.exit" }
        sh -c ((($line -split ' ', 6)[5]) -replace '\\%', '%')
    }
    # The tail processes that follow this project's logs.
    function script:Get-Tail {
        Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | ForEach-Object {
            $cmd = (Get-Content -Raw "$($_.FullName)/cmdline" -ErrorAction SilentlyContinue) -replace "`0", ' '
            if ($cmd -like 'tail *' -and $cmd.Contains($Project.Path)) { [int]$_.Name }
        }
    }
}

AfterAll {
    Pop-Location
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Get-CloudLog -Log deploy, cron' {
    It 'returns the hooks'' output, masked, one object per line' {
        $lines = Get-CloudLog master deploy -Tail 50
        $lines[0].GetType().FullName | Should -Be 'MagentoCloud.Engine.Runtime.CloudLogLine'
        ($lines | Where-Object Text -like '* deploy: token is ********').Host | Should -Be 'local'
        ($lines | Where-Object Text -like '* post_deploy: hook ended with exit code 0*') | Should -Not -BeNullOrEmpty
        ($lines.Text -join "`n") | Should -Not -Match ([regex]::Escape($Secret))
        $lines[-1].Time | Should -BeOfType [DateTimeOffset]
    }

    It 'returns a cron''s output, masked, and keeps its exit code for Get-CloudCron' {
        Invoke-Cron hello
        Invoke-Cron heartbeat   # the template's cron: its command holds %, which cron would cut the line at
        $lines = Get-CloudLog master cron -Since (Get-Date).AddMinutes(-5)
        ($lines | Where-Object Text -like '* hello: hello-from-cron ********').Log | Should -Be 'cron'
        (Get-Content -Raw (Join-Path $EnvRoot 'current/var/cron_heartbeat')) | Should -Match '^\d{4}-\d{2}-\d{2}T'
        $status = Get-CloudCron -Environment master | Where-Object Name -eq 'hello'
        $status.LastExitCode | Should -Be 0
        Get-ChildItem (Join-Path $EnvRoot 'logs') -Filter '*.log*' | ForEach-Object {
            Get-Content -Raw $_.FullName | Should -Not -Match ([regex]::Escape($Secret))
            (Get-Item $_.FullName).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        }
    }
}

Describe 'Get-CloudLog -Follow' {
    It 'streams each new line as it is written until stopped, and leaves no tail process behind' {
        $runspace = [PowerShell]::Create()
        $null = $runspace.AddScript("Import-Module '$env:MC_MODULE_MANIFEST'; Get-CloudLog master cron -Tail 0 -Follow -ProjectPath '$($Project.Path)'")
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $running = $runspace.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        # What came so far, by index: enumerating an open PSDataCollection waits for it to be closed.
        function Get-Followed { for ($i = 0; $i -lt $output.Count; $i++) { $output[$i] } }
        try {
            $deadline = (Get-Date).AddSeconds(30)
            while (-not (Get-Tail) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $tails = @(Get-Tail)
            $tails.Count | Should -BeGreaterThan 0
            $output.Count | Should -Be 0   # -Tail 0: nothing old

            Invoke-Cron hello
            while (-not (Get-Followed | Where-Object Text -like '*hello-from-cron*') -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $line = Get-Followed | Where-Object Text -like '*hello-from-cron*' | Select-Object -First 1
            $line.Log | Should -Be 'cron'
            $line.Text | Should -BeLike '* hello: hello-from-cron ********'
            $running.IsCompleted | Should -BeFalse   # still following
        }
        finally {
            $runspace.Stop()
            $runspace.Dispose()
        }
        $deadline = (Get-Date).AddSeconds(10)
        while ((Get-Tail) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Tail | Should -BeNullOrEmpty
    }
}
