using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Throughput.Cli;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Throughput [--preset paper|small] [--task sequence|token] [options]     (defaults: paper, sequence)
          --csv FILE          write preset,task,mux,n,instances_per_second,speedup,ceiling_speedup
          --plot FILE         PNG of speed-up against N (default: throughput-<preset>-<task>.png), and beside it
                              the same name ending -instances.png: instances/s against N, log scale
          --peer FILE         a peer CSV (same columns, e.g. from pytorch-peer.sh) to tabulate (ours / peer) and
                              plot beside ours; read before timing, its preset and task must be this run's
          --ns 1,2,5,10,20,40 the N values (in any order; the table lists them ascending)
          --muxes M,...       GaussianHadamard, Orthogonal, LearnedKeys (GaussianHadamard with MUX-PLMs' learned-keys
                              demux), Contextual (MUX-PLMs' contextual mux, index demux) and/or ContextWindow
                              (GaussianHadamard with ContextWindow = 3, small preset); default: the first two (the
                              token task has GaussianHadamard and ContextWindow; LearnedKeys and Contextual are
                              sequence models)
          --runs R            timed rounds (median; default 5)   --warmup W (default 1)
          --slice S           seconds each case runs per round at least (repeated calls; default 1)
          --threads T         torch threads (default: torch's choice, one per core)
          --rows R            rows pushed through the public batching path (default 1000)
          --soak COUNT        only: push at least COUNT batches through the compiled model, report RSS
                              (takes --preset, --task, --ns, --muxes, --threads and the lever switches below)
          --no-mkl-fix        leave MKL's vendor-based kernel choice alone (to measure that lever)
          --allocator-defaults leave glibc's malloc thresholds alone (to measure that lever)
          The models run compiled (DataMux.Cpu.CpuEngine.Compile); each switch below turns one CpuEngineOptions lever off:
          --fused-attention   libtorch's scaled_dot_product_attention instead of MKL attention (CpuAttention = false)
          --no-team           the encoder layer by layer instead of one native pass (EncoderTeam = false)
          --no-pair-split     the encoder team's row split for every batch, no pair split for small ones (PairSplit = false)
          --no-packed-weights ordinary matrix products instead of MKL-packed encoder weights (PackedWeights = false)
          --unfused-embedding embedding, LayerNorm and mux as the modules (FusedEmbeddingMix = false)
          --unfused-token-demux the token demux's sum, GELU and LayerNorm as the demux's operators (FusedTokenDemux = false)
          --skip-extras       only the throughput table (no breakdown, memory, batching path)
          --levers            also time the baseline and the first mux's models compiled with each engine option off,
                              interleaved with the levers on (ratios from one run; each such model is timed once per lever
                              more in every round: 6 more slices per model and round)
          --help, -h          this text
        """;

    public string Preset { get; init; } = "paper";
    public string Task { get; init; } = "sequence";
    public string? Csv { get; init; }
    public string? Plot { get; init; }
    public string? Peer { get; init; }
    public IReadOnlyList<int> Ns { get; init; } = new[] { 1, 2, 5, 10, 20, 40 };
    /// <summary>The muxes asked for with --muxes, or null for every mux the task's catalogue has.</summary>
    public IReadOnlyList<string>? Muxes { get; init; }
    public int Runs { get; init; } = 5;
    public int Warmup { get; init; } = 1;
    public double Slice { get; init; } = 1.0;
    public int Threads { get; init; }
    public int Rows { get; init; } = 1000;
    public int Soak { get; init; }
    public bool MklFix { get; init; } = true;
    public bool PackedWeights { get; init; } = true;
    public bool AllocatorDefaults { get; init; }
    public bool FusedAttention { get; init; }
    public bool NoTeam { get; init; }
    public bool NoPairSplit { get; init; }
    public bool UnfusedEmbedding { get; init; }
    public bool UnfusedTokenDemux { get; init; }
    public bool SkipExtras { get; init; }
    public bool Levers { get; init; }
    public bool Help { get; init; }

    public string PlotPath => Plot ?? $"throughput-{Preset}-{Task}.png";

    /// <summary>Options that mean nothing to a soak run (<c>--soak</c> returns before any of them is used).</summary>
    private static readonly string[] NotForSoak = { "--csv", "--plot", "--peer", "--runs", "--warmup", "--slice", "--rows", "--skip-extras", "--levers" };

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        var given = new Dictionary<string, string>(); // option -> the value it was given ("" for switches)
        for (var i = 0; i < args.Length; i++)
        {
            var current = args[i];
            string? taken = null; // the value current took, when it takes one
            string Value() =>
                taken = i + 1 >= args.Length ? throw new ArgumentException($"Option {current} expects a value.")
                    : args[i + 1].StartsWith("--", StringComparison.Ordinal) ? throw new ArgumentException($"Option {current} expects a value, got the option '{args[i + 1]}'.")
                    : args[++i];

            string FileName() { var text = Value(); return text.Trim().Length > 0 ? text : throw new ArgumentException($"Option {current} expects a file name, got '{text}'."); }
            double Seconds() { var text = Value(); return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v <= 60 ? v : throw new ArgumentException($"Option {current} expects seconds between 0 and 60, got '{text}'."); }
            int Int(int minimum = 0) { var text = Value(); return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= minimum ? v : throw new ArgumentException($"Option {current} expects {(minimum == 0 ? "a non-negative" : "a positive")} integer, got '{text}'."); }
            options = current switch
            {
                "--preset" => options with { Preset = OneOf("--preset", Value(), "paper", "small") },
                "--task" => options with { Task = OneOf("--task", Value(), "sequence", "token") },
                "--csv" => options with { Csv = FileName() },
                "--plot" => options with { Plot = FileName() },
                "--peer" => options with { Peer = FileName() },
                "--ns" => options with { Ns = ParseNs(Value()) },
                "--muxes" => options with { Muxes = ParseMuxes(Value()) },
                "--runs" => options with { Runs = Int(minimum: 1) },
                "--warmup" => options with { Warmup = Int() },
                "--slice" => options with { Slice = Seconds() },
                "--threads" => options with { Threads = Int() },
                "--rows" => options with { Rows = Int(minimum: 1) },
                "--soak" => options with { Soak = Int() },
                "--no-mkl-fix" => options with { MklFix = false },
                "--allocator-defaults" => options with { AllocatorDefaults = true },
                "--fused-attention" => options with { FusedAttention = true },
                "--no-team" => options with { NoTeam = true },
                "--no-pair-split" => options with { NoPairSplit = true },
                "--no-packed-weights" => options with { PackedWeights = false },
                "--unfused-embedding" => options with { UnfusedEmbedding = true },
                "--unfused-token-demux" => options with { UnfusedTokenDemux = true },
                "--skip-extras" => options with { SkipExtras = true },
                "--levers" => options with { Levers = true },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{current}'.\n{Usage}"),
            };
            // A second value would silently replace the first; a repeated switch is harmless, but a user who typed it
            // twice may have meant another: either way, say so.
            var name = current == "-h" ? "--help" : current;
            if (given.TryGetValue(name, out var first))
                throw new ArgumentException(taken is null
                    ? $"Option {name} given twice; expected it once."
                    : $"Option {name} given twice ('{first}', then '{taken}'); expected it once.");
            given[name] = taken ?? "";
        }

        if (options.Soak > 0 && NotForSoak.Where(given.ContainsKey).ToArray() is { Length: > 0 } unused)
            throw new ArgumentException($"Option --soak runs the soak only; expected none of {string.Join(", ", NotForSoak)} with it, got {string.Join(", ", unused)}.");
        return options;
    }

    private static string OneOf(string option, string value, params string[] allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Option {option} expects one of {string.Join(", ", allowed)}, got '{value}'.");

    private static string[] ParseMuxes(string text)
    {
        var muxes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => OneOf("--muxes", m, "GaussianHadamard", "Orthogonal", "LearnedKeys", "Contextual", "ContextWindow")).ToArray();
        OnceEach("--muxes", muxes, "mux");
        return muxes.Length > 0 ? muxes : throw new ArgumentException($"Option --muxes expects at least one of GaussianHadamard, Orthogonal, LearnedKeys, Contextual, ContextWindow, got '{text}'.");
    }

    private static int[] ParseNs(string text)
    {
        var allowed = new[] { 1, 2, 5, 10, 20, 40 };
        var ns = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && allowed.Contains(n) ? n
                : throw new ArgumentException($"Option --ns expects values among {string.Join(",", allowed)}, got '{s}'."))
            .ToArray();
        OnceEach("--ns", ns, "N");
        return ns.Length > 0 ? ns.Order().ToArray() : throw new ArgumentException("Option --ns expects at least one N.");
    }

    /// <summary>Throws for a value listed twice, which would otherwise be dropped without a word.</summary>
    private static void OnceEach<T>(string option, IEnumerable<T> values, string what)
    {
        if (values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new ArgumentException($"Option {option} names '{repeated.Key}' twice; expected each {what} once.");
    }
}
