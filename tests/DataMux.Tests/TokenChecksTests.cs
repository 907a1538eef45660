using System;
using DataMux.Validation;
using TorchSharp;
using Xunit;

namespace DataMux.Tests;

public class TokenChecksTests
{
    [Fact]
    public void Accepts_valid_tokens()
    {
        using var tokens = torch.tensor(new long[] { 0, 4, 9, 1 }, 2, 2);
        TokenChecks.Validate(tokens, "SentimentModel", maxLength: 32, vocabulary: 10);
    }

    [Fact]
    public void Too_long_names_model_limit_and_actual_shape()
    {
        using var tokens = torch.zeros(4, 40, dtype: torch.int64);
        var error = Assert.Throws<ArgumentException>(() => TokenChecks.Validate(tokens, "SentimentModel", 32, 100));
        Assert.Contains("SentimentModel", error.Message);
        Assert.Contains("1 <= length <= 32", error.Message);
        Assert.Contains("[4, 40]", error.Message);
    }

    [Theory]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 2, 3, 4 })]
    [InlineData(new long[] { 0, 5 })]
    [InlineData(new long[] { 3, 0 })]
    public void Wrong_rank_or_empty_dimension_is_rejected(long[] shape)
    {
        using var tokens = torch.zeros(shape, dtype: torch.int64);
        var error = Assert.Throws<ArgumentException>(() => TokenChecks.Validate(tokens, "M", 8, 10));
        Assert.Contains("[" + string.Join(", ", shape) + "]", error.Message);
    }

    [Fact]
    public void Tokens_on_another_device_name_both_devices()
    {
        // The meta device holds shapes without data: another device that every libtorch build has.
        using var tokens = torch.zeros(2, 3, dtype: torch.int64, device: torch.META);
        var error = Assert.Throws<ArgumentException>(() => TokenChecks.Validate(tokens, "M", 8, 10, torch.CPU));
        Assert.Equal("M runs on cpu, but got token ids on meta; move them first (tokens.to(...)). (Parameter 'tokens')", error.Message);
        using var onCpu = torch.zeros(2, 3, dtype: torch.int64);
        TokenChecks.Validate(onCpu, "M", 8, 10, torch.CPU);
    }

    [Fact]
    public void Wrong_dtype_names_expected_and_actual()
    {
        using var tokens = torch.zeros(2, 3, dtype: torch.int32);
        var error = Assert.Throws<ArgumentException>(() => TokenChecks.Validate(tokens, "M", 8, 10));
        Assert.Contains("Int64", error.Message);
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public void Id_at_vocabulary_reports_value_and_range()
    {
        using var tokens = torch.tensor(new long[] { 1, 2, 10, 3 }, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => TokenChecks.Validate(tokens, "M", 8, 10));
        Assert.Contains("[0, 10)", error.Message);
        Assert.Contains("id 10", error.Message);
    }

    [Fact]
    public void Negative_id_reports_value()
    {
        using var tokens = torch.tensor(new long[] { 1, -3, 2, 3 }, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => TokenChecks.Validate(tokens, "M", 8, 10));
        Assert.Contains("id -3", error.Message);
    }
}
