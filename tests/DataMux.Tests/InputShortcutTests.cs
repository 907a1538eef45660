using System.Linq;
using DataMux.Demultiplexers;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public sealed class InputShortcutTests : SeededTests
{
    [Fact]
    public void Token_rows_are_the_tables_rows_and_pooled_rows_their_mean_over_real_tokens()
    {
        using var tokens = tensor(new long[] { 3, 5, 0, 0, 7, 7, 7, 7, 0, 0, 0, 0 }, new long[] { 3, 4 });   // the last row: a filler row
        using var perToken = new InputShortcut(new TokenLayout(10, 3, 0), 8, pooled: false);
        using var pooled = new InputShortcut(new TokenLayout(10, 3, 0), 8, pooled: true);
        var table = pooled.Table;

        using var rows = perToken.forward(tokens);
        using var means = pooled.forward(tokens);

        Assert.Equal(new long[] { 3, 4, 8 }, rows.shape);
        Assert.True(rows[0, 1].equal(perToken.Table[5]).all().item<bool>());
        Assert.Equal(new long[] { 3, 8 }, means.shape);
        Assert.True(means[0].allclose((table[3] + table[5]) / 2, 1e-6, 1e-6));   // padding left out of the mean
        Assert.True(means[1].allclose(table[7], 1e-6, 1e-6));
        Assert.True(means[2].equal(zeros(8)).all().item<bool>());                      // a row of padding only pools to zero
    }

    [Fact]
    public void A_token_model_with_the_shortcut_learns_and_trains_the_shortcut()
    {
        using var model = new TwoWayShortcutTokenModel();
        var (tokens, labels) = TrainerTasks.Parity(320, 4);
        var (testTokens, testLabels) = TrainerTasks.Parity(200, 5);
        using var before = model.Parts.Shortcut!.Table.clone();

        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 60, BatchGroups = 8, LearningRate = 3e-3 });

        Assert.True(MultiplexedTrainer.Evaluate(model, testTokens, testLabels) > 0.9);
        Assert.False(model.Parts.Shortcut.Table.allclose(before));
        Assert.Contains(model.named_parameters(), p => p.name == "shortcut.table.weight");
    }

    [Fact]
    public void A_sentence_model_with_the_shortcut_gives_one_output_per_row_in_order()
    {
        using var model = new FourWayShortcutModel();
        model.eval();
        var (tokens, _) = TrainerTasks.FirstToken(10, 6);
        using var all = model.forward(tokens);
        using var head = model.forward(tokens.narrow(0, 0, 4));   // the first group on its own

        Assert.Equal(new long[] { 10, 2 }, all.shape);
        Assert.True(all.narrow(0, 0, 4).allclose(head, 1e-5, 1e-6));
    }
}
