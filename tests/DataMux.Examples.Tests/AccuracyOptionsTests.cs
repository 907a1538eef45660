using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Accuracy.Cli;
using Accuracy.Report;
using Accuracy.Runs;
using DataMux.Testing;
using Xunit;

namespace DataMux.Examples.Tests;

public sealed class AccuracyOptionsTests
{
    [Fact]
    public void Defaults_measure_every_task_width_and_warm_up_setting_with_B1_first()
    {
        var options = AccuracyOptions.Parse([]);

        Assert.Equal(["pos", "genre", "sentiment"], options.Tasks);
        Assert.Equal([1, 2, 5, 10, 20, 40], options.Ns);
        Assert.Equal(new RunSettings(), options.Settings);
        var cells = options.Cells();
        Assert.Equal(new Cell("pos", 1, "B1", 0, "plain"), cells[0]);
        Assert.All(options.Tasks, task => Assert.Single(cells, c => c.Task == task && c.IsBaseline));
        Assert.Equal(3 * (1 + options.Variants.Count * 6 * 2), cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void Quick_is_a_short_run_whose_parts_can_still_be_chosen()
    {
        var quick = AccuracyOptions.Parse(["--quick"]);
        Assert.Equal(120, new RunSettings(Steps: 600).StepsOf("sentiment"));
        Assert.Equal(["pos", "genre"], quick.Tasks);
        Assert.Equal([2, 5], quick.Ns);
        Assert.Equal(600, quick.Settings.Steps);

        var chosen = AccuracyOptions.Parse(["--quick", "--tasks", "sentiment", "--steps", "100"]);
        Assert.Equal(["sentiment"], chosen.Tasks);
        Assert.Equal(100, chosen.Settings.Steps);
    }

    [Fact]
    public void MUX_PLM_rows_are_the_learned_keys_variant_and_the_contextual_mux()
    {
        var keys = AccuracyOptions.Parse(["--tasks", "sentiment", "--ns", "2,5", "--variants", "reference,learned-keys", "--warmup", "off"]);
        Assert.Equal(
            ["sentiment-B1", "sentiment-reference-GaussianHadamard-N2-warm0", "sentiment-reference-GaussianHadamard-N5-warm0",
             "sentiment-learned-keys-GaussianHadamard-N2-warm0", "sentiment-learned-keys-GaussianHadamard-N5-warm0"],
            keys.Cells().Select(c => c.Key));
        var contextual = AccuracyOptions.Parse(["--tasks", "genre,sentiment", "--ns", "2,5", "--variants", "reference", "--muxes", "GaussianHadamard,Contextual", "--warmup", "off"]);
        Assert.Equal(2 * (1 + 4), contextual.Cells().Count);
        Assert.All(contextual.Cells(), c => Assert.True(Accuracy.Models.ModelCatalog.IsDeclared(c), c.Key));
        var context = AccuracyOptions.Parse(["--tasks", "pos", "--ns", "2,5,10,20,40", "--variants", "context", "--warmup", "off"]);
        Assert.Equal(["pos-B1", "pos-context-GaussianHadamard-N2-warm0", "pos-context-GaussianHadamard-N5-warm0", "pos-context-GaussianHadamard-N10-warm0",
            "pos-context-GaussianHadamard-N20-warm0", "pos-context-GaussianHadamard-N40-warm0"], context.Cells().Select(c => c.Key));
        var tagging = AccuracyOptions.Parse(["--tasks", "pos", "--ns", "2,5,10", "--variants", "reference", "--muxes", "Contextual", "--warmup", "off"]);
        Assert.Equal(["pos-B1", "pos-reference-Contextual-N2-warm0", "pos-reference-Contextual-N5-warm0", "pos-reference-Contextual-N10-warm0"], tagging.Cells().Select(c => c.Key));
    }

    [Theory]
    [InlineData(new[] { "--tasks", "pos", "--ns", "10", "--variants", "learned-keys" }, "pos-learned-keys-GaussianHadamard-N10-warm0")]
    [InlineData(new[] { "--tasks", "pos", "--ns", "40", "--variants", "reference", "--muxes", "Contextual" }, "pos-reference-Contextual-N40-warm0")]
    [InlineData(new[] { "--tasks", "sentiment", "--ns", "10", "--variants", "reference", "--muxes", "Contextual" }, "sentiment-reference-Contextual-N10-warm0")]
    [InlineData(new[] { "--tasks", "genre", "--ns", "2", "--variants", "learned-keys", "--muxes", "Contextual" }, "genre-learned-keys-Contextual-N2-warm0")]
    [InlineData(new[] { "--tasks", "genre", "--ns", "5", "--variants", "context" }, "genre-context-GaussianHadamard-N5-warm0")]
    [InlineData(new[] { "--tasks", "pos", "--ns", "5", "--variants", "context", "--muxes", "Orthogonal" }, "pos-context-Orthogonal-N5-warm0")]
    public void A_combination_without_a_declared_model_is_refused_up_front(string[] args, string cell)
    {
        var message = Assert.Throws<ArgumentException>(() => AccuracyOptions.Parse(args)).Message;
        Assert.StartsWith($"No model is declared for {cell}: ", message);
    }

    [Theory]
    [InlineData(new[] { "--ns", "3" }, "--ns: expected one of 1, 2, 5, 10, 20, 40, but got '3'.")]
    [InlineData(new[] { "--tasks", "pos,pos" }, "--tasks: 'pos' is given twice.")]
    [InlineData(new[] { "--steps", "0" }, "--steps: expected a positive integer, but got '0'.")]
    [InlineData(new[] { "--lr", "-1" }, "--lr: expected a positive number, but got '-1'.")]
    [InlineData(new[] { "--warmup", "maybe" }, "--warmup: expected both, on or off, but got 'maybe'.")]
    [InlineData(new[] { "--csv", "a.csv", "--csv", "b.csv" }, "--csv is given twice ('a.csv' and 'b.csv').")]
    [InlineData(new[] { "--fresh", "--fresh" }, "--fresh is given twice.")]
    [InlineData(new[] { "--plot" }, "--plot needs a value.")]
    [InlineData(new[] { "--jobs", "0" }, "--jobs: expected a positive integer, but got '0'.")]
    [InlineData(new[] { "--nope" }, "Unknown option '--nope'.")]
    public void Bad_options_are_errors_that_name_them(string[] args, string message)
    {
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => AccuracyOptions.Parse(args)).Message);
    }

    [Fact]
    public void Settings_have_a_signature_of_their_own_so_results_of_other_settings_are_kept_apart()
    {
        Assert.NotEqual(new RunSettings().Signature, new RunSettings(LearningRate: 1e-3).Signature);
        Assert.NotEqual(new RunSettings().Signature, new RunSettings(Validation: true).Signature);
        Assert.Equal("s2000-g32-lr0.003-w1000-seed0-rf0.25", new RunSettings().Signature);
    }

    [Fact]
    public void The_csv_has_the_documented_columns_and_each_cells_drop_from_its_tasks_B1()
    {
        using var folder = new TemporaryFolder();
        var results = new[]
        {
            new CellResult(new Cell("pos", 1, "B1", 0, "plain"), 0.955, 80, 800, 7000, null),
            new CellResult(new Cell("pos", 2, "GaussianHadamard", 1000, "reference"), 0.951, 95, 1300, 12000, 0.9),
            new CellResult(new Cell("pos", 5, "GaussianHadamard", 0, "shortcut"), 0.94, 110, 2700, 24000, null),
        };

        CsvReport.Write(folder.File("results.csv"), ResultRow.From(results));

        var lines = File.ReadAllLines(folder.File("results.csv"));
        Assert.Equal("task,n,mux,demux,warmup_steps,accuracy,b1_accuracy,drop,train_seconds,instances_per_second,variant", lines[0]);
        Assert.Equal("pos,1,B1,None,0,0.955,0.955,0,80,7000,plain", lines[1]);
        Assert.Equal("pos,2,GaussianHadamard,IndexEmbedding,1000,0.951,0.955,0.4,95,12000,reference", lines[2]);
        Assert.Equal("pos,5,GaussianHadamard,IndexEmbedding+InputShortcut,0,0.94,0.955,1.5,110,24000,shortcut", lines[3]);
    }

    [Fact]
    public void Workers_get_the_same_cells_and_settings_without_the_parents_reports_and_their_own_threads()
    {
        string[] args = ["--tasks", "pos", "--jobs", "2", "--csv", "out.csv", "--fresh", "--threads", "4", "--steps", "100", "--plot", "p.png"];

        var worker = AccuracyOptions.WorkerArguments(args, threads: 1);

        Assert.Equal(["--tasks", "pos", "--steps", "100", "--threads", "1", AccuracyOptions.WorkerOption], worker);
        var parent = AccuracyOptions.Parse(args);
        var parsed = AccuracyOptions.Parse([.. worker]);
        Assert.Equal(2, parent.Jobs);
        Assert.True(parsed.Worker);
        Assert.Equal(1, parsed.Jobs);
        Assert.Equal(parent.Settings, parsed.Settings);
        Assert.Equal(parent.Cells(), parsed.Cells());
    }

    [Fact]
    public void Jobs_start_the_longest_cells_first_and_hold_back_cells_that_depend_on_a_running_one()
    {
        var settings = new RunSettings();
        var b1 = new Cell("pos", 1, "B1", 0, "plain");
        var wide = new Cell("pos", 40, "GaussianHadamard", 0, "shortcut");
        var narrow = new Cell("pos", 2, "GaussianHadamard", 0, "shortcut");
        var sentiment = new Cell("sentiment", 40, "GaussianHadamard", 0, "shortcut");
        Assert.True(CellJobs.RelativeCost(wide, settings) > CellJobs.RelativeCost(narrow, settings));
        Assert.True(CellJobs.RelativeCost(narrow, settings) > CellJobs.RelativeCost(b1, settings));
        Assert.Equal(CellJobs.RelativeCost(wide, settings) / 5, CellJobs.RelativeCost(sentiment, settings), 6); // a fifth of the steps

        var noResults = new Dictionary<string, CellResult>();
        var warmPos = new Cell("pos", 5, "GaussianHadamard", 1000, "shortcut");
        var warmGenre = new Cell("genre", 5, "GaussianHadamard", 1000, "shortcut");
        Assert.False(CellJobs.CanStart(warmGenre, noResults, [warmPos]));                        // the same warm-up: wait for its cache
        Assert.True(CellJobs.CanStart(warmGenre with { N = 10 }, noResults, [warmPos]));
        Assert.True(CellJobs.CanStart(warmGenre with { WarmupSteps = 0 }, noResults, [warmPos]));

        var fromB1 = new Cell("pos", 5, "GaussianHadamard", 0, "shortcut-from-b1");
        Assert.False(CellJobs.CanStart(fromB1, noResults, [b1]));                                 // needs the trained B1
        var withB1 = new Dictionary<string, CellResult> { [b1.Key] = new CellResult(b1, 0.95, 80, 800, 7000, null) };
        Assert.True(CellJobs.CanStart(fromB1, withB1, []));
    }
}
