#Requires -Version 7.2
<#
    Secrets used as a person would: a sensitive variable that a reader of the project remote cannot
    read, a hook that echoes the operator's session and a secret into nothing readable, and the
    one-time protection of the state's history.
#>

BeforeAll {
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    $script:Remote = Join-Path $Project.Path '.magento/local/remote.git'
    $script:Operator = 'PROD_DB_PASSWORD_' + [guid]::NewGuid().ToString('n').Substring(0, 6).ToUpperInvariant()
    Set-Item "env:$Operator" ('operator-' + [guid]::NewGuid().ToString('n'))
    Push-Location $Project.Path
}

AfterAll {
    Pop-Location
    Remove-Item "env:$Operator" -ErrorAction SilentlyContinue
    . (Join-Path $PSScriptRoot 'TestProject.ps1')
    Remove-TestProject $Root $Project.Path
}

Describe 'Sensitive variables and the project remote' {
    It 'keeps a sensitive value, current or changed, out of everything git log shows' {
        $first = 'first-' + [guid]::NewGuid().ToString('n')
        $second = 'second-' + [guid]::NewGuid().ToString('n')
        Set-CloudVariable env:API_TOKEN $first -Environment master -Sensitive -Confirm:$false | Out-Null
        Set-CloudVariable env:API_TOKEN $second -Environment master -Confirm:$false | Out-Null

        (Get-CloudVariable env:API_TOKEN -Environment master).Value | Should -BeNullOrEmpty
        $log = git --git-dir $Remote log -p --all | Out-String
        $log | Should -Not -Match $first
        $log | Should -Not -Match $second
    }

    It 'starts hooks clean and masks what they echo, in the activity and in Invoke-CloudCommand' {
        $app = Get-Content .magento.app.yaml -Raw
        $app = $app.Replace("    build: |`n        set -e`n", "    build: |`n        set -e`n        echo `"op=`${$($Operator):-unset}`"`n")
        $app = $app.Replace("    deploy: |`n        set -e`n", "    deploy: |`n        set -e`n        echo `"tok=`$API_TOKEN`"`n")
        Set-Content .magento.app.yaml $app -NoNewline
        git add .magento.app.yaml
        git -c user.email=test@example.invalid -c user.name=Test commit -qm 'Hooks that echo'
        Push-CloudBranch master -Confirm:$false | Out-Null
        $deploy = Invoke-CloudDeploy master -Confirm:$false

        $deploy.Result | Should -Be 'Success'
        $deploy.Log | Should -Match 'tok=\*{8}'
        # The push deployed first and built the slug; the deploy above reused it.
        (Get-CloudActivity -Environment master -Last 5 | ForEach-Object Log) -join "`n" | Should -Match 'op=unset'
        (git --git-dir $Remote log -p --all | Out-String) | Should -Not -Match ([regex]::Escape((Get-Item "env:$Operator").Value))
        (Invoke-CloudCommand master 'echo "tok=$API_TOKEN"').Output | Should -Be "tok=********`n"
    }

    It 'protects the state history once, asks first, and rotates the key with -NewKey' {
        Protect-CloudVariable -WhatIf
        $protection = Protect-CloudVariable -Confirm:$false
        $protection.KeyId | Should -Match '^[0-9a-f]{12}$'
        $protection.Pruned | Should -BeTrue
        Test-Path $protection.KeyPath | Should -BeTrue

        $rotated = Protect-CloudVariable -NewKey -Confirm:$false
        $rotated.KeyRotated | Should -BeTrue
        $rotated.KeyId | Should -Not -Be $protection.KeyId
        Test-Path $protection.KeyPath | Should -BeFalse
        (Invoke-CloudCommand master 'echo "${API_TOKEN:+set}"').Output | Should -Be "set`n"
        (Get-CloudActivity -Type project.variable.protect).Count | Should -Be 2
    }

    It 'says which key is missing on a machine without it' {
        $key = (Protect-CloudVariable -Confirm:$false).KeyPath
        Move-Item $key "$key.away"
        try {
            { Invoke-CloudBuild master -Force -ErrorAction Stop } | Should -Throw -ErrorId 'SecretKeyMissing*'
        }
        finally {
            Move-Item "$key.away" $key
        }
    }
}
