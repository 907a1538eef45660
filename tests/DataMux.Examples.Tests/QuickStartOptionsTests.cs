using System;
using DataMux.Examples.QuickStart;
using Xunit;

namespace DataMux.Examples.Tests;

public sealed class QuickStartOptionsTests
{
    [Fact]
    public void Defaults_train_n_1_and_2()
    {
        Assert.Equal(new[] { 1, 2 }, QuickStartOptions.Parse([]).Widths);
    }

    [Fact]
    public void A_flag_given_twice_is_an_error()
    {
        // It used to keep the last value: --n 2 --n 5 trained N = 1 and 5 only.
        var error = Assert.Throws<ArgumentException>(() => QuickStartOptions.Parse(["--n", "2", "--n", "5"]));

        Assert.Contains("--n once", error.Message);
    }

    [Fact]
    public void Only_the_baseline_width_says_another_is_needed()
    {
        var error = Assert.Throws<ArgumentException>(() => QuickStartOptions.Parse(["--n", "1"]));

        Assert.Contains("at least one width besides the N = 1 baseline", error.Message);
        Assert.Contains("from 2, 5, 10, 20", error.Message);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_recognised_anywhere(string flag)
    {
        Assert.True(QuickStartOptions.AsksForHelp(["--n", "2", flag]));
        Assert.False(QuickStartOptions.AsksForHelp(["--n", "2"]));
    }
}
