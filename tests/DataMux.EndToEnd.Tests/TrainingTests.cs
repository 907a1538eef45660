using DataMux.Training;
using Xunit;
using Xunit.Abstractions;

namespace DataMux.EndToEnd.Tests;

public class TrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void A_generated_N4_model_learns_a_per_instance_task_to_95_percent_held_out()
    {
        var (trainTokens, trainLabels) = SyntheticTask.Make(rows: 4000, length: FirstTokenModel.MaxLength, vocabulary: FirstTokenModel.Vocabulary, seed: 1);
        var (testTokens, testLabels) = SyntheticTask.Make(rows: 1000, length: FirstTokenModel.MaxLength, vocabulary: FirstTokenModel.Vocabulary, seed: 2);
        using var model = new FirstTokenModel();

        MultiplexedTrainer.Train(model, trainTokens, trainLabels, new TrainingOptions { Epochs = 30, BatchGroups = 16, LearningRate = 3e-3, Seed = 3, WarmupFraction = 0.1, LinearDecay = true });
        var accuracy = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);

        output.WriteLine($"held-out accuracy {accuracy:P1} (chance 50%)");
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:P1}, expected at least 95%");
    }
}
