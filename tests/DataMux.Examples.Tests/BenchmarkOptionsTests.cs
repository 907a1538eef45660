using System.Linq;
using System;
using Throughput.Cli;
using Xunit;

namespace DataMux.Examples.Tests;

public sealed class BenchmarkOptionsTests
{
    [Fact]
    public void No_arguments_give_the_paper_sequence_defaults()
    {
        var options = BenchmarkOptions.Parse([]);

        Assert.Equal(("paper", "sequence", 5, 1), (options.Preset, options.Task, options.Runs, options.Warmup));
        Assert.Equal(new[] { 1, 2, 5, 10, 20, 40 }, options.Ns);
        Assert.Null(options.Muxes);
    }

    [Theory]
    [InlineData("--ns", "2", "40")]
    [InlineData("--csv", "a.csv", "b.csv")]
    [InlineData("--runs", "3", "7")]
    public void An_option_given_twice_is_an_error_naming_both_values(string option, string first, string second)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse([option, first, option, second]));

        Assert.Contains($"{option} given twice ('{first}', then '{second}')", error.Message);
    }

    [Fact]
    public void A_switch_given_twice_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(["--levers", "--skip-extras", "--levers"]));

        Assert.Contains("--levers given twice", error.Message);
    }

    [Theory]
    [InlineData("--csv", "results.csv")]
    [InlineData("--levers", null)]
    [InlineData("--runs", "3")]
    public void Soak_refuses_the_options_it_would_ignore(string option, string? value)
    {
        string[] args = value is null ? ["--soak", "10", option] : ["--soak", "10", option, value];

        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(args));

        Assert.Contains($"got {option}", error.Message);
    }

    [Fact]
    public void Soak_takes_the_model_and_lever_options()
    {
        var options = BenchmarkOptions.Parse(["--soak", "10", "--preset", "small", "--ns", "40", "--muxes", "GaussianHadamard", "--no-team"]);

        Assert.Equal((10, "small", true), (options.Soak, options.Preset, options.NoTeam));
    }

    [Fact]
    public void Lists_may_have_spaces_after_their_commas()
    {
        var options = BenchmarkOptions.Parse(["--muxes", "GaussianHadamard, Orthogonal", "--ns", "20, 2"]);

        Assert.Equal(new[] { "GaussianHadamard", "Orthogonal" }, options.Muxes);
        Assert.Equal(new[] { 2, 20 }, options.Ns);
    }

    [Fact]
    public void MUX_PLM_parts_are_muxes_to_ask_for_and_the_sequence_catalogues_have_them_on_request()
    {
        var options = BenchmarkOptions.Parse(["--muxes", "GaussianHadamard,LearnedKeys,contextual", "--ns", "2,5"]);
        Assert.Equal(new[] { "GaussianHadamard", "LearnedKeys", "Contextual" }, options.Muxes);
        foreach (var preset in new[] { "paper", "small" })
        {
            var catalogue = Throughput.Models.ModelCatalog.For(preset, "sequence");
            foreach (var mux in new[] { "LearnedKeys", "Contextual" })
            {
                Assert.Equal(new[] { 1, 2, 5, 10, 20, 40 }, catalogue.Where(e => e.Mux == mux).Select(e => e.N));
                Assert.All(catalogue.Where(e => e.Mux == mux), e => Assert.True(e.OnRequest));
            }

            Assert.All(catalogue.Where(e => e.Mux is "GaussianHadamard" or "Orthogonal"), e => Assert.False(e.OnRequest));
        }
    }

    [Fact]
    public void The_context_window_models_are_asked_for_by_name_in_the_small_presets_on_request()
    {
        var options = BenchmarkOptions.Parse(["--preset", "small", "--task", "token", "--muxes", "contextwindow,GaussianHadamard"]);
        Assert.Equal(new[] { "ContextWindow", "GaussianHadamard" }, options.Muxes);
        foreach (var task in new[] { "sequence", "token" })
        {
            var entries = Throughput.Models.ModelCatalog.For("small", task).Where(e => e.Mux == "ContextWindow").ToList();
            Assert.Equal(new[] { 1, 2, 5, 10, 20, 40 }, entries.Select(e => e.N));
            Assert.All(entries, e => Assert.True(e.OnRequest));
            using var model = (TorchSharp.torch.nn.Module)entries[1].Create();
            Assert.Equal(3, ((DataMux.IMultiplexedModel)model).Configuration.ContextWindow);
        }

        Assert.DoesNotContain(Throughput.Models.ModelCatalog.For("paper", "sequence"), e => e.Mux == "ContextWindow");
    }

    [Theory]
    [InlineData("--ns", "20,1,20", "'20' twice")]
    [InlineData("--muxes", "Orthogonal,orthogonal", "'Orthogonal' twice")]
    public void A_list_naming_a_value_twice_is_an_error(string option, string list, string expected)
    {
        // Both lists dropped the second copy without a word.
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse([option, list]));

        Assert.Contains($"{option} names {expected}", error.Message);
    }

    [Fact]
    public void Help_spelled_both_ways_is_a_switch_given_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(["-h", "--help"]));

        Assert.Contains("--help given twice", error.Message);
    }

    [Theory]
    [InlineData("--csv")]
    [InlineData("--plot")]
    [InlineData("--peer")]
    public void An_empty_file_name_is_an_error(string option)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse([option, " "]));

        Assert.Contains($"{option} expects a file name", error.Message);
    }
}
