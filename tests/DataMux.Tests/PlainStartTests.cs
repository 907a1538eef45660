using System;
using System.Linq;
using DataMux.Testing;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public sealed class PlainStartTests
{
    [Fact]
    public void A_plain_models_backbone_embedding_and_head_land_where_the_multiplexed_model_reads_them()
    {
        using var plain = new PlainTokenModel();
        var (tokens, labels) = TrainerTasks.Parity(64, 1);
        MultiplexedTrainer.Train(plain, tokens, labels, new TrainingOptions { Steps = 5, BatchGroups = 4 });
        using var multiplexed = new TwoWayHadamardTokenModel();
        using var demuxBefore = multiplexed.Parts.Demux.parameters().First().clone();

        PlainStart.CopyInto(plain, multiplexed);

        Assert.All(plain.Parts.Encoder.state_dict().Zip(multiplexed.Parts.Encoder.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value), pair.First.Key));
        Assert.All(plain.Parts.Head.state_dict().Zip(multiplexed.Parts.Head.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value), pair.First.Key));
        var (from, to) = (plain.state_dict(), multiplexed.state_dict());
        // Vocabulary and CLS rows (ids 0 ... 12); the plain model's CLS and content positions 0 ... 6 at the index demux's N ... N + 6.
        Assert.True(to["embedding.tokens.weight"].narrow(0, 0, 13).Same(from["embedding.tokens.weight"].narrow(0, 0, 13)));
        Assert.True(to["embedding.positions.weight"].narrow(0, 2, 7).Same(from["embedding.positions.weight"]));
        Assert.True(to["embedding.norm.weight"].Same(from["embedding.norm.weight"]));
        Assert.True(multiplexed.Parts.Demux.parameters().First().Same(demuxBefore), "the demux keeps its own initial values");
    }

    [Fact]
    public void Models_of_another_backbone_or_a_multiplexed_source_are_refused()
    {
        using var plain = new PlainTokenModel();
        using var other = new FourWayTokenModel();
        using var twoWay = new TwoWayHadamardTokenModel();

        var backbone = Assert.Throws<ArgumentException>(() => PlainStart.CopyInto(plain, other));
        Assert.Contains("Expected models of one backbone, vocabulary, length and task", backbone.Message);
        var source = Assert.Throws<ArgumentException>(() => PlainStart.CopyInto(twoWay, twoWay));
        Assert.Contains("Expected a plain model (Mux.None) to start from", source.Message);
    }
}
