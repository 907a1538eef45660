using System;
using FashionMnistExample;
using Xunit;

namespace DataMux.Examples.Tests;

public sealed class FashionOptionsTests
{
    [Fact]
    public void Defaults_train_both_backbones_at_every_width_for_ten_epochs()
    {
        var options = FashionOptions.Parse([]);
        Assert.Equal(["mlp", "cnn"], options.Backbones);
        Assert.Equal([1, 2, 4, 8, 16], options.Ns);
        Assert.Equal(10, options.Epochs);
        Assert.Null(options.TrainRows);
        Assert.False(options.Validation);
        Assert.Null(options.LearningRate);
        Assert.Equal((5e-4, 5e-4, 2e-3), (options.RateFor("mlp"), options.RateFor("cnn"), options.RateFor("cnn-hadamard")));
        Assert.Equal((0.1, 0.0, 0.0), (options.SmoothingFor("mlp"), options.SmoothingFor("cnn"), options.SmoothingFor("cnn-hadamard")));
    }

    [Fact]
    public void Values_are_read()
    {
        var options = FashionOptions.Parse(["--backbone", "cnn", "--n", "8,1,8", "--epochs", "2", "--train-rows", "600", "--learning-rate", "0.003", "--plot", "x.png"]);
        Assert.Equal(["cnn"], options.Backbones);
        Assert.Equal([1, 8], options.Ns);
        Assert.Equal((2, 600, 0.003, "x.png"), (options.Epochs, options.TrainRows!.Value, options.LearningRate, options.Plot));
        Assert.True(FashionOptions.Parse(["--validation", "--n", "2"]).Validation);
        Assert.Equal(0.003, options.RateFor("cnn-hadamard"));
        var smoothed = FashionOptions.Parse(["--label-smoothing", "0"]);
        Assert.Equal((0.0, 0.0), (smoothed.SmoothingFor("mlp"), smoothed.SmoothingFor("cnn")));
    }

    [Theory]
    [InlineData(new[] { "--backbone", "rnn" }, "--backbone: expected mlp, cnn, cnn-hadamard, both or all, but got 'rnn'.")]
    [InlineData(new[] { "--n", "3" }, "--n: expected widths from {1, 2, 4, 8, 16}, but got '3'.")]
    [InlineData(new[] { "--epochs", "0" }, "--epochs: expected a positive number, but got '0'.")]
    [InlineData(new[] { "--learning-rate", "NaN" }, "--learning-rate: expected a positive number, but got 'NaN'.")]
    [InlineData(new[] { "--epochs" }, "--epochs: expected a value after it.")]
    [InlineData(new[] { "--label-smoothing", "1" }, "--label-smoothing: expected a number in [0, 1), but got '1'.")]
    [InlineData(new[] { "--n", "2", "--n", "4" }, "--n: give --n once (its values comma-separated where it takes several).")]
    [InlineData(new[] { "--fast", "1" }, "Unknown option '--fast'.")]
    [InlineData(new[] { "--validation", "--validation" }, "--validation: give it once.")]
    public void Bad_options_are_named_with_what_was_expected(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => FashionOptions.Parse(args));
        Assert.Equal(message, error.Message);
    }
}
