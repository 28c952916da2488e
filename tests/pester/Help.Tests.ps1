#Requires -Version 7.2
<#
    Every cmdlet the module exports has real help: a synopsis, a description, at least one example,
    and a description for each of its own parameters (WhatIf and Confirm included).

    Run against the built module:
        $env:MC_MODULE_MANIFEST = '<built module folder>/MagentoCloud.psd1'
        Invoke-Pester -Path tests/pester/Help.Tests.ps1 -Output Detailed
#>

BeforeDiscovery {
    if (-not $env:MC_MODULE_MANIFEST -or -not (Test-Path -LiteralPath $env:MC_MODULE_MANIFEST)) {
        throw "Set MC_MODULE_MANIFEST to the built module's MagentoCloud.psd1 (now: '$env:MC_MODULE_MANIFEST')."
    }
    $module = Import-Module -Name $env:MC_MODULE_MANIFEST -Force -PassThru -ErrorAction Stop
    $cmdlets = @(Get-Command -Module $module.Name | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $module = Import-Module -Name $env:MC_MODULE_MANIFEST -Force -PassThru -ErrorAction Stop

    # PowerShell's own; documented by about_CommonParameters, not by each cmdlet.
    $script:CommonParameters = @(
        'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
        'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable'
    )

    function Get-Text($Value) {
        (@($Value) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }

    function Get-HelpProblem([string]$Name) {
        $command = Get-Command -Name $Name -Module $module.Name
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
        $problems = [System.Collections.Generic.List[string]]::new()

        # Without a help file PowerShell makes the synopsis up from the syntax: "Verb-Noun [-P <T>] [<CommonParameters>]".
        $synopsis = "$($help.Synopsis)".Trim()
        $madeUp = $synopsis -eq $Name -or ($synopsis.StartsWith("$Name ") -and $synopsis.Contains('<CommonParameters>'))
        if (-not $synopsis -or $madeUp) { $problems.Add('no synopsis (## SYNOPSIS)') }

        if (-not (Get-Text $help.description).Trim()) { $problems.Add('no description (## DESCRIPTION)') }

        $examples = @($help.examples.example | Where-Object { "$($_.code)".Trim() })
        if ($examples.Count -lt 1) { $problems.Add('no example with code (## EXAMPLES)') }

        $documented = @($help.parameters.parameter)
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $script:CommonParameters }) {
            $entry = $documented | Where-Object name -EQ $parameter | Select-Object -First 1
            if (-not $entry -or -not (Get-Text $entry.description).Trim()) {
                $problems.Add("no description for -$parameter (## PARAMETERS, ### -$parameter)")
            }
        }
        foreach ($entry in $documented | Where-Object { $_.name -and -not $command.Parameters.ContainsKey($_.name) }) {
            $problems.Add("help describes -$($entry.name), which the cmdlet does not have")
        }
        $problems
    }
}

Describe 'Module help' {
    It 'the module exports cmdlets to check' {
        (Get-Command -Module $module.Name).Count | Should -BeGreaterThan 0 -Because "$($module.Name) should export its cmdlets"
    }
}

Describe 'Cmdlet help' {
    It '<Name> has a synopsis, a description, an example and a description of every parameter' -ForEach $cmdlets {
        $problems = @(Get-HelpProblem -Name $Name)
        $problems | Should -BeNullOrEmpty -Because "docs/help/$Name.md must fill them in"
    }
}
