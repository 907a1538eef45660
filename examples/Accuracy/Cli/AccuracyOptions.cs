using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Accuracy.Runs;

namespace Accuracy.Cli;

/// <summary>Command-line options of the accuracy benchmark.</summary>
internal sealed record AccuracyOptions
{
    public const string Usage = """
        Accuracy [options]      accuracy against N on the Brown corpus and UCI sentiment, B1 and every N, with and
                                without retrieval warm-up; results are kept per cell, so a stopped run continues
          --quick               a short run (about 10 minutes with the warm-ups cached): pos and genre, N = 2 and 5,
                                the shortcut variant, 600 steps, warm-ups of 400 steps
          --tasks T,...         pos, genre and/or sentiment (default: all three)
          --ns 1,2,5,10,20,40   the multiplexed widths (B1, the plain backbone, always runs)
          --muxes M,...         GaussianHadamard, Orthogonal and/or Contextual (MUX-PLMs' contextual mux; the
                                reference variant at N = 2, 5) (default: GaussianHadamard)
          --variants V,...      model variants besides B1: shortcut (the index demux with the input shortcut; the
                                default), reference (the DataMUX reference method), shortcut-from-b1 (shortcut, started
                                from the task's trained B1), learned-keys (the reference method with MUX-PLMs' learned-keys
                                demux; GaussianHadamard at N = 2, 5), context (reference with a 3-position context
                                layer before the mix, ContextWindow = 3; pos, GaussianHadamard)
          --warmup both|on|off  cells with retrieval warm-up, without, or both (default: both)
          --steps S             task steps per cell (default 2000; sentiment a fifth)   --groups G  groups per step (32)
          --warmup-steps W      retrieval warm-up steps (default 1000)  --lr RATE   peak learning rate (default 3e-3)
          --seed S              seed of the data order, dropout and retrieval draws (default 0)
          --retrieval-fraction F  share of the positions the retrieval loss reads while fine-tuning (default 0.25)
          --warmup-masking P      the warm-up hides each token with probability P and retrieves it from the context
                                (a masked language model over the mix; default 0: DataMUX's retrieval of visible tokens)
          --curriculum F          share of the task steps over which the inputs per group rise from 1 to N (default 0: none)
          --csv FILE            write task,n,mux,demux,warmup_steps,accuracy,b1_accuracy,drop,train_seconds,instances_per_second
          --plot FILE           PNG of accuracy against N with each task's B1 line (default: accuracy.png)
          --validation          evaluate on 45 training documents held out of training (to choose settings without the
                                test documents), not on the 50 test documents
          --fresh               measure every cell again (default: reuse the cells this run's settings measured before)
          --threads T           torch threads (default: one per core; with --jobs, the cores shared out)
          --jobs J              train J cells at once, each in a worker process of its own (default 1); on 2 cores
                                two one-thread cells train more per minute than one cell on both cores
          --training-speed      only: training instances/s of B1 and the reference variant at --ns (part-of-speech
                                shapes, random ids), 60 timed steps after 10, as CSV (compare with Peer/training-speed-peer.sh)
          --help, -h            this text
        """;

    public static readonly IReadOnlyList<string> AllTasks = ["pos", "genre", "sentiment"];
    public static readonly IReadOnlyList<string> AllMuxes = ["GaussianHadamard", "Orthogonal", "Contextual"];
    public static readonly IReadOnlyList<int> AllNs = [1, 2, 5, 10, 20, 40];

    /// <summary>Makes the process a worker of a <c>--jobs</c> run: it reads cell keys from its input and trains them in turn.</summary>
    public const string WorkerOption = "--worker";

    public IReadOnlyList<string> Tasks { get; init; } = AllTasks;
    public IReadOnlyList<int> Ns { get; init; } = AllNs;
    public IReadOnlyList<string> Muxes { get; init; } = ["GaussianHadamard"];
    public IReadOnlyList<string> Variants { get; init; } = ["shortcut"];
    public string Warmup { get; init; } = "both";
    public RunSettings Settings { get; init; } = new();
    public string? Csv { get; init; }
    public string Plot { get; init; } = "accuracy.png";
    public bool Fresh { get; init; }
    public int Threads { get; init; }
    public int Jobs { get; init; } = 1;
    public bool Worker { get; init; }
    public bool Quick { get; init; }
    public bool TrainingSpeed { get; init; }
    public bool Help { get; init; }

    /// <summary>The cells to measure, baselines first, then by task, mux, N and warm-up.</summary>
    public IReadOnlyList<Cell> Cells()
    {
        var warmups = Warmup switch { "on" => new[] { Settings.WarmupSteps }, "off" => new[] { 0 }, _ => new[] { 0, Settings.WarmupSteps } };
        var cells = new List<Cell>();
        foreach (var task in Tasks)
        {
            cells.Add(new Cell(task, 1, "B1", 0, "plain"));
            foreach (var variant in Variants)
                foreach (var mux in Muxes)
                    foreach (var n in Ns.Order())
                        foreach (var warmup in warmups)
                            cells.Add(new Cell(task, n, mux, warmup, variant));
        }

        return cells;
    }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static AccuracyOptions Parse(string[] args)
    {
        var given = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i] == "-h" ? "--help" : args[i];
            string value = "";
            if (option is "--tasks" or "--ns" or "--muxes" or "--variants" or "--warmup" or "--retrieval-fraction" or "--steps" or "--groups" or "--warmup-steps" or "--lr"
                or "--seed" or "--csv" or "--plot" or "--threads" or "--jobs" or "--curriculum" or "--warmup-masking")
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"{option} needs a value.");
                value = args[++i];
            }
            else if (option is not ("--quick" or "--fresh" or "--help" or "--training-speed" or "--validation" or WorkerOption))
            {
                throw new ArgumentException($"Unknown option '{args[i]}'.");
            }

            if (!given.TryAdd(option, value))
                throw new ArgumentException(value.Length == 0 ? $"{option} is given twice." : $"{option} is given twice ('{given[option]}' and '{value}').");
        }

        var quick = given.ContainsKey("--quick");
        var options = new AccuracyOptions
        {
            Quick = quick, Help = given.ContainsKey("--help"), Fresh = given.ContainsKey("--fresh"), TrainingSpeed = given.ContainsKey("--training-speed"),
            Worker = given.ContainsKey(WorkerOption),
        };
        var settings = (quick ? new RunSettings(Steps: 600, WarmupSteps: 400) : new RunSettings()) with { Validation = given.ContainsKey("--validation") };
        if (quick) options = options with { Tasks = ["pos", "genre"], Ns = [2, 5] };
        foreach (var (option, value) in given)
        {
            options = option switch
            {
                "--tasks" => options with { Tasks = List(option, value, name => AllTasks.Contains(name) ? name : null, "pos, genre or sentiment") },
                "--ns" => options with { Ns = List(option, value, name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && AllNs.Contains(n) ? n : (int?)null, "one of 1, 2, 5, 10, 20, 40").Select(n => n!.Value).ToList() },
                "--variants" => options with { Variants = List(option, value, name => Models.ModelCatalog.Variants.Contains(name) ? name : null, "one of " + string.Join(", ", Models.ModelCatalog.Variants)) },
                "--muxes" => options with { Muxes = List(option, value, name => AllMuxes.FirstOrDefault(m => m.Equals(name, StringComparison.OrdinalIgnoreCase)), "GaussianHadamard, Orthogonal or Contextual") },
                "--warmup" => options with { Warmup = value is "both" or "on" or "off" ? value : throw new ArgumentException($"--warmup: expected both, on or off, but got '{value}'.") },
                "--csv" => options with { Csv = value.Length > 0 ? value : throw new ArgumentException("--csv: expected a file name, but got an empty one.") },
                "--plot" => options with { Plot = value.Length > 0 ? value : throw new ArgumentException("--plot: expected a file name, but got an empty one.") },
                "--threads" => options with { Threads = Positive(option, value) },
                "--jobs" => options with { Jobs = Positive(option, value) },
                _ => options,
            };
            settings = option switch
            {
                "--steps" => settings with { Steps = Positive(option, value) },
                "--groups" => settings with { Groups = Positive(option, value) },
                "--warmup-steps" => settings with { WarmupSteps = Positive(option, value) },
                "--seed" => settings with { Seed = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : throw new ArgumentException($"--seed: expected an integer, but got '{value}'.") },
                "--retrieval-fraction" => settings with { RetrievalFraction = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share > 0 && share <= 1 ? share : throw new ArgumentException($"--retrieval-fraction: expected a number in (0, 1], but got '{value}'.") },
                "--curriculum" => settings with { Curriculum = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var curriculum) && curriculum >= 0 && curriculum < 1 ? curriculum : throw new ArgumentException($"--curriculum: expected a share of the steps in [0, 1), but got '{value}'.") },
                "--warmup-masking" => settings with { WarmupMasking = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var masking) && masking >= 0 && masking < 1 ? masking : throw new ArgumentException($"--warmup-masking: expected a probability in [0, 1), but got '{value}'.") },
                "--lr" => settings with { LearningRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate) ? rate : throw new ArgumentException($"--lr: expected a positive number, but got '{value}'.") },
                _ => settings,
            };
        }

        options = options with { Settings = settings };
        // A combination no model is declared for is refused before anything runs, not at its cell hours later.
        if (!options.TrainingSpeed && options.Cells().FirstOrDefault(c => !Models.ModelCatalog.IsDeclared(c)) is { } missing)
        {
            throw new ArgumentException(
                $"No model is declared for {missing.Key}: Contextual runs with --variants reference at --ns 2 and/or 5 (pos also 10, 20), " +
                "learned-keys with --muxes GaussianHadamard at --ns 2 and/or 5, context with --tasks pos and --muxes GaussianHadamard.");
        }

        return options;
    }

    /// <summary>
    /// The arguments of a worker process of a run started with <paramref name="args"/>: the same cells and settings
    /// (so that it finds every cell key it is sent), without what only the parent does (reports, --fresh, --jobs), with
    /// <paramref name="threads"/> torch threads and the worker switch.
    /// </summary>
    public static IReadOnlyList<string> WorkerArguments(IReadOnlyList<string> args, int threads)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--csv" or "--plot" or "--jobs" or "--threads") { i++; continue; }
            if (args[i] is "--fresh") continue;
            kept.Add(args[i]);
        }

        kept.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture), WorkerOption]);
        return kept;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{option}: expected a positive integer, but got '{value}'.");

    /// <summary>A comma-separated list of known values, each once.</summary>
    private static IReadOnlyList<T> List<T>(string option, string value, Func<string, T?> known, string expected)
    {
        var items = new List<T>();
        foreach (var part in value.Split(',').Select(p => p.Trim()))
        {
            var item = known(part) ?? throw new ArgumentException($"{option}: expected {expected}, but got '{part}'.");
            if (items.Contains(item)) throw new ArgumentException($"{option}: '{part}' is given twice.");
            items.Add(item);
        }

        return items;
    }
}
