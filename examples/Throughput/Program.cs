using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DataMux.Examples.Common;
using DataMux;
using Throughput.Cli;
using Throughput.Measurement;
using Throughput.Models;
using DataMux.Cpu;
using Throughput.Report;
using TorchSharp;
using static TorchSharp.torch;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

// Everything a run could fail on after minutes of timing is checked here instead: muxes the task has no models for,
// folders the CSV and the plots cannot be written to.
var catalogue = ModelCatalog.For(options.Preset, options.Task);
// The muxes the task's catalogue has (the token task has no Orthogonal models), in catalogue order; the default is
// those not marked OnRequest (MUX-PLMs' parts are timed when --muxes names them).
var available = catalogue.Where(e => !e.Baseline).Select(e => e.Mux).Distinct().ToArray();
var muxes = options.Muxes ?? catalogue.Where(e => !e.Baseline && !e.OnRequest).Select(e => e.Mux).Distinct().ToArray();
if (muxes.FirstOrDefault(m => !available.Contains(m)) is { } absent)
{
    Console.Error.WriteLine($"--muxes: the {options.Preset} preset's {options.Task} task has no {absent} models; it has {string.Join(", ", available)}.");
    return 2;
}

// A soak writes no file. The instances plot beside --plot stays best effort, as the plots' writing is.
foreach (var (option, path) in options.Soak > 0 ? [] : new[] { ("--csv", options.Csv), ("--plot", options.PlotPath) })
{
    if (path is not null && OutputPaths.Problem(option, path) is { } problem)
    {
        Console.Error.WriteLine(problem);
        return 2;
    }
}

// The peer's CSV is read before anything is timed: a bad file or another preset's rows fail in seconds, not minutes.
IReadOnlyList<PeerRow>? peer = null;
if (options.Peer is not null)
{
    try
    {
        peer = CsvReport.Read(options.Peer, note => Console.WriteLine($"--peer: {note}"));
    }
    catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"--peer: {e.Message}");
        return 2;
    }

    if (peer.FirstOrDefault(p => p.Preset != options.Preset || p.Task != options.Task) is { } other)
    {
        Console.Error.WriteLine($"--peer: expected rows for this run's preset '{options.Preset}' and task '{options.Task}', but '{options.Peer}' has a row for preset '{other.Preset}', task '{other.Task}'.");
        return 2;
    }
}

var wall = Stopwatch.StartNew();
var engineOptions = RuntimeSwitches.Apply(options);

var entries = catalogue
    .Where(e => e.Baseline || (options.Ns.Contains(e.N) && muxes.Contains(e.Mux)))
    .ToArray();

if (options.Soak > 0)
{
    var soakEntry = entries.Where(e => !e.Baseline).OrderByDescending(e => e.N).First();
    var soakModel = Build(new[] { soakEntry })[soakEntry];
    using var soakEngine = CpuEngine.Compile(soakModel, engineOptions);
    Console.WriteLine(soakEngine.Report);
    var soak = Soak.Run(soakEngine, options.Soak, Console.WriteLine);
    var soakRows = Workload.For(soakModel.Configuration).Rows;
    Console.WriteLine($"Soak: {soak.Batches} batches of up to {soakRows} rows in {soak.Calls} calls (one batch, then three with a partial last group, in turn) on {soak.Model} in {soak.Seconds:F0}s");
    Console.WriteLine(soak.StartBytes == 0
        ? "RSS: not available (/proc is not there)"
        : $"RSS start {soak.StartBytes / 1048576.0:F1} MiB, end {soak.EndBytes / 1048576.0:F1} MiB, growth {soak.GrowthPercent:F2}% (goal < {SoakResult.GrowthGoalPercent}%)");
    Console.WriteLine($"Tensors created on the soak's thread and not disposed: {soak.UndisposedTensors} (goal 0)");
    Console.WriteLine($"total wall {wall.Elapsed.TotalSeconds:F1}s");
    return soak.Passed ? 0 : 1;
}

var models = Build(entries);
// Compiled after the models share their weights, so that all of them share one packed copy of the encoder.
using var engines = new CompiledModels(models.ToDictionary(p => p.Key, p => CpuEngine.Compile(p.Value, engineOptions)));
var baselineEntry = entries.Single(e => e.Baseline);
var baseline = models[baselineEntry];
// What runs, from the engines' reports: the baseline's and every other distinct one (the N = 40 model's stands for its mux).
foreach (var report in engines.All.OrderBy(p => !p.Key.Baseline).ThenByDescending(p => p.Key.N).Select(p => p.Value.Report)
             .DistinctBy(r => string.Join("|", r.Stages.Select(s => s.ToString()))))
    Console.WriteLine(report);
var tokens = entries.ToDictionary(e => e, e =>
{
    var c = models[e].Configuration;
    return Workload.RandomTokens(Workload.For(c).Rows, c.MaxLength, c.Vocabulary, seed: 100 + c.N);
});

// Backbone-only cases: the encoder alone on the multiplexed shape of each N ([G, P+L, d] for the model's G, P, L).
var backboneShapes = entries.Select(e => Workload.For(models[e].Configuration)).Distinct().ToArray();
var hidden = baseline.Configuration.Hidden;
var backboneInputs = backboneShapes.ToDictionary(w => w, w => randn(w.Groups, w.Positions, hidden));
var modelCases = entries.ToDictionary(e => e, e =>
{
    var engine = engines.All[e];
    var input = tokens[e];
    return new TimedCase($"{e.Mux} N={e.N}", Workload.For(models[e].Configuration).Rows, () => engine.forward(input));
});
var backboneCases = backboneShapes.ToDictionary(w => w, w =>
{
    var input = backboneInputs[w];
    var baselineEngine = engines.All[baselineEntry];
    return new TimedCase($"backbone {w.Groups}x{w.Positions}", w.Rows, () => baselineEngine.Encode(input, null));
});

Console.WriteLine($"Timing {modelCases.Count} models and {backboneCases.Count} backbone shapes, interleaved ...");
var cases = modelCases.Values.Concat(backboneCases.Values).ToArray();
var times = InterleavedTimer.Run(cases, options.Warmup, options.Runs, options.Slice, p => Console.WriteLine("  " + p));
double PerSecond(TimedCase c) => c.Instances / InterleavedTimer.Median(times[c]);

var baselinePerSecond = PerSecond(modelCases[baselineEntry]);
var results = entries.Select(e =>
{
    var workload = Workload.For(models[e].Configuration);
    var perSecond = PerSecond(modelCases[e]);
    var backbonePerSecond = PerSecond(backboneCases[workload]);
    return new ResultRow(options.Preset, options.Task, e.Mux, e.N, workload.Rows, workload.Positions,
        InterleavedTimer.Median(times[modelCases[e]]), perSecond, perSecond / baselinePerSecond,
        backbonePerSecond, backbonePerSecond / baselinePerSecond,
        InterleavedTimer.RoundRatios(modelCases[e], times[modelCases[e]], modelCases[baselineEntry], times[modelCases[baselineEntry]]));
}).ToArray();

Console.WriteLine();
Console.WriteLine($"Throughput (baseline: {baselineEntry.Mux} mux at N = 1, {Workload.BaselineRows} rows x {baseline.Configuration.MaxLength + Workload.PrefixLength(baseline.Configuration)} positions: {baselinePerSecond:F2} instances/s)");
ConsoleTable.Print(
    new[] { "mux", "N", "rows", "positions", "s/batch", "instances/s", "speed-up", "rounds' speed-ups", "backbone-only inst/s", "ceiling speed-up" },
    results.Select(r => new[] { r.Mux, $"{r.N}", $"{r.Rows}", $"{r.Positions}", $"{r.Seconds:F3}", $"{r.InstancesPerSecond:F2}", $"{r.Speedup:F2}x",
        $"{r.RoundSpeedups.Min():F2}-{r.RoundSpeedups.Max():F2}x", $"{r.BackboneInstancesPerSecond:F2}", $"{r.CeilingSpeedup:F2}x" }));

// A speed-up well above N is not multiplexing: the baseline was slowed down (a cold first round with --warmup 0, or
// the machine's load while it ran).
foreach (var r in results.Where(r => r.Speedup > 1.1 * r.N))
    Console.WriteLine($"Warning: {r.Mux} N = {r.N} reads {r.Speedup:F2}x, more than 10% above N; the baseline's timing was disturbed (--warmup 0, or the machine's load). Do not quote this run.");

var exitCode = 0;
if (options.Csv is not null)
{
    try
    {
        CsvReport.Write(options.Csv, results);
        Console.WriteLine($"CSV written to {options.Csv}");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        // Checked before the timing, but the file can change meanwhile: keep the rest of the report.
        Console.Error.WriteLine($"--csv: could not write '{options.Csv}': {e.Message}");
        exitCode = 1;
    }
}

if (peer is not null)
{
    Console.WriteLine();
    Console.WriteLine($"Peer ({options.Peer}), beside ours (at N = 1 both sides' plain baseline; elsewhere the same mux and N):");
    ConsoleTable.Print(new[] { "mux", "N", "instances/s", "speed-up", "ours instances/s", "ours / peer" }, peer.Select(p =>
    {
        double? ours = p.N == 1 ? baselinePerSecond : results.FirstOrDefault(r => r.Mux == p.Mux && r.N == p.N)?.InstancesPerSecond;
        return new[] { p.Mux, $"{p.N}", $"{p.InstancesPerSecond:F2}", $"{p.Speedup:F2}x",
            ours is null ? "-" : $"{ours:F2}", ours is null || p.InstancesPerSecond <= 0 ? "-" : $"{ours / p.InstancesPerSecond:F2}" };
    }));
}

try
{
    var title = $"DataMux throughput, {options.Preset} preset, {options.Task} classification, {torch.get_num_threads()} thread{(torch.get_num_threads() == 1 ? "" : "s")}";
    SpeedupPlot.Save(options.PlotPath, title, results, peer);
    var instancesPath = InstancesPlot.PathBeside(options.PlotPath);
    InstancesPlot.Save(instancesPath, title, results, peer);
    Console.WriteLine($"Plots written to {options.PlotPath} (speed-up) and {instancesPath} (instances/s)");
}
catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.WriteLine($"Plot not written ({e.GetType().Name}: {e.Message})");
}

if (options.Levers)
{
    CompareLevers();
}

if (!options.SkipExtras)
{
    ExtrasReport.Print(entries, models, engines.All, tokens, muxes[0], options.Runs, options.Rows);
}

Console.WriteLine();
Console.WriteLine($"total wall {wall.Elapsed.TotalSeconds:F1}s");
return exitCode;

void CompareLevers()
{
    var leverEntries = entries.Where(e => e.Baseline || e.Mux == muxes[0]).ToArray();
    Console.WriteLine();
    Console.WriteLine($"Levers: {leverEntries.Length} models, each compiled as configured and with each engine option off, interleaved ...");
    var rows = LeverComparison.Run(leverEntries.Select(e => ($"{e.Mux} N={e.N}", models[e], tokens[e], modelCases[e])).ToArray(), engineOptions,
        options.Warmup, options.Runs, options.Slice, p => Console.WriteLine("  " + p));
    var baselineRow = rows.Single(r => r.Model == $"{baselineEntry.Mux} N=1");
    var header = new[] { "model", "as configured" }.Concat(Lever.All.Select(l => $"without {l.Name}")).ToArray();
    Console.WriteLine("Instances/s (as configured / without the lever, from the same run):");
    ConsoleTable.Print(header, rows.Select(r => new[] { r.Model, $"{r.AsConfigured:F2}" }
        .Concat(r.WithoutEach.Select(off => $"{off:F2} ({r.AsConfigured / off:F3}x)")).ToArray()));
    Console.WriteLine($"Speed-up over {baselineEntry.Mux} N = 1 with the same levers:");
    ConsoleTable.Print(header, rows.Select(r => new[] { r.Model, $"{r.AsConfigured / baselineRow.AsConfigured:F2}x" }
        .Concat(r.WithoutEach.Select((off, i) => $"{off / baselineRow.WithoutEach[i]:F2}x")).ToArray()));
}

Dictionary<ModelEntry, IMultiplexedModel> Build(IReadOnlyList<ModelEntry> list)
{
    var clock = Stopwatch.StartNew();
    var built = new Dictionary<ModelEntry, IMultiplexedModel>();
    IMultiplexedModel? donor = null;
    // Largest N first: its embedding tables are the largest, so every other model's tables are a prefix of them.
    foreach (var entry in list.OrderByDescending(e => e.N))
    {
        var model = entry.Create();
        ((nn.Module)model).eval();
        if (donor is null) donor = model;
        else WeightSharing.ShareBackbone(donor, model);
        built[entry] = model;
        MemoryProbe.TrimHeap();
    }

    Console.WriteLine($"Built {built.Count} models in {clock.Elapsed.TotalSeconds:F1}s (backbone, embedding and head weights shared; mux, demux and index tables per model); RSS {MemoryProbe.ResidentBytes() / 1048576.0:F0} MiB");
    return built;
}

/// <summary>The compiled models of a run, disposed together at its end.</summary>
internal sealed class CompiledModels(IReadOnlyDictionary<ModelEntry, CpuEngine> all) : IDisposable
{
    public IReadOnlyDictionary<ModelEntry, CpuEngine> All { get; } = all;

    public void Dispose()
    {
        foreach (var engine in All.Values) engine.Dispose();
    }
}
