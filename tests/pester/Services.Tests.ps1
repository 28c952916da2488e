#Requires -Version 7.2
<#
    The test services are real, seen through the cmdlets: production on the three loopback sshd
    "hosts" (each its own root) with its database on the test MariaDB server. A deploy reaches all
    three over SSH; a command runs on each; a query runs against MariaDB from a host; sample data and
    store settings travel through an SSH tunnel.
#>

BeforeAll {
    foreach ($name in 'MC_TEST_SSH_HOSTS', 'MC_TEST_SSH_PORT', 'MC_TEST_SSH_USER', 'MC_TEST_SSH_KEY', 'MC_TEST_SSH_KNOWN_HOSTS',
                      'MC_TEST_HOST_ROOTS', 'MC_TEST_DB_PORT', 'MC_TEST_DB_USER', 'MC_TEST_DB_PASSWORD') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: start the test services (tests/infra/start.sh) first." }
    }
    Import-Module -Name $env:MC_MODULE_MANIFEST -Force -ErrorAction Stop
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) ("mc-pester-services-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:Project = New-CloudProject -Path (Join-Path $Root 'shop') -Confirm:$false
    Push-Location $Project.Path

    $script:Hosts = $env:MC_TEST_SSH_HOSTS -split ' '
    $hostsDir = Split-Path (($env:MC_TEST_HOST_ROOTS -split ' ')[0])
    $script:Database = 'mc_smoke_' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    $hostList = ($Hosts | ForEach-Object { '"{0}@{1}:{2}"' -f $env:MC_TEST_SSH_USER, $_, $env:MC_TEST_SSH_PORT }) -join ', '
    @"
environments:
  production:
    hosts: [$hostList]
    root: $hostsDir/{host}/$(Split-Path -Leaf $Root)/{environment}
    database: {host: 127.0.0.1, port: $env:MC_TEST_DB_PORT, name: $Database, user: $env:MC_TEST_DB_USER, password_env: MC_TEST_DB_PASSWORD}
    ssh: {identity_file: $env:MC_TEST_SSH_KEY, known_hosts: $env:MC_TEST_SSH_KNOWN_HOSTS}
"@ | Set-Content .magento/topology.yaml
    # The environment's database exists before its first deploy, as on Magento Cloud.
    $env:MYSQL_PWD = $env:MC_TEST_DB_PASSWORD
    try { mariadb -h 127.0.0.1 -P $env:MC_TEST_DB_PORT -u $env:MC_TEST_DB_USER -e "CREATE DATABASE $Database" }
    finally { Remove-Item Env:MYSQL_PWD }
    if ($LASTEXITCODE -ne 0) { throw "Could not create the test database $Database." }
    # The hooks' mariadb client finds the password in the runtime environment, never on a command line.
    Set-CloudVariable -Environment production -Name env:MYSQL_PWD -Value $env:MC_TEST_DB_PASSWORD -Sensitive -Confirm:$false | Out-Null
}

AfterAll {
    Pop-Location
    Remove-Item -Recurse -Force $Root -ErrorAction SilentlyContinue
}

Describe 'Production on three SSH hosts' {
    It 'validates, and places production on the three hosts' {
        Test-CloudProject -Quiet | Should -BeTrue
        (Get-CloudEnvironment production).Hosts.Count | Should -Be 3
    }

    It 'deploys to every host over SSH' {
        $activity = Invoke-CloudDeploy -Environment production -Confirm:$false
        $activity.Result | Should -Be 'Success'
        $current = Get-CloudRelease -Environment production | Where-Object IsCurrent
        @($current).Count | Should -Be 3
        @($current.Id | Select-Object -Unique).Count | Should -Be 1
    }

    It 'runs a command on each host, each over its own SSH connection' {
        $results = Invoke-CloudCommand -Environment production -AllHosts -Command 'echo "$SSH_CONNECTION"; pwd'
        @($results).Count | Should -Be 3
        foreach ($result in $results) {
            $result.ExitCode | Should -Be 0
            $address = ($result.Host -split '@')[1] -replace ':\d+$'
            ($result.Output -split "`n")[0] | Should -Match ([regex]::Escape($address))
        }
    }

    It 'queries the MariaDB server from a host' {
        $result = Invoke-CloudCommand -Environment production -Command (
            "mariadb -h 127.0.0.1 -P $env:MC_TEST_DB_PORT -u $env:MC_TEST_DB_USER -N -e 'SELECT VERSION()' $Database")
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Match 'MariaDB'
    }

    It 'writes sample data and reads store settings through an SSH tunnel' {
        $sample = Install-CloudSampleData -Environment production -Customers 3 -Products 2 -Orders 3 -Confirm:$false
        $sample.Customers | Should -Be 3
        (Get-CloudConfig -Environment production -Path 'general/locale/code' | Where-Object Scope -eq 'Default').Value | Should -Not -BeNullOrEmpty
    }

    It 'never writes the database password into the activities' {
        (Get-CloudActivity -All).Log -join "`n" | Should -Not -Match ([regex]::Escape($env:MC_TEST_DB_PASSWORD))
    }
}
