# Shared timing helpers for the benchmarks (dot-sourced).

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    return ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# Times a script block $Runs times (after $Warmup untimed runs); returns the median in milliseconds.
function Measure-Median([scriptblock] $Script, [int] $Runs = 10, [int] $Warmup = 1) {
    for ($i = 0; $i -lt $Warmup; $i++) { $null = & $Script }
    $times = for ($i = 0; $i -lt $Runs; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Script
        $watch.Elapsed.TotalMilliseconds
    }
    return [Math]::Round((Get-Median $times), 1)
}

# A fresh pwsh process, started the way this one was (the pinned dotnet tool or a real pwsh).
function Invoke-FreshPwsh([string] $Command) {
    $launcher = [Environment]::ProcessPath
    $arguments = [Collections.Generic.List[string]]::new()
    if ([IO.Path]::GetFileNameWithoutExtension($launcher) -eq 'dotnet') {
        $arguments.Add([Environment]::GetCommandLineArgs()[0])
    }
    $arguments.AddRange([string[]]@('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $Command))
    & $launcher @arguments
    if ($LASTEXITCODE -ne 0) { throw "pwsh exited $LASTEXITCODE running: $Command" }
}
