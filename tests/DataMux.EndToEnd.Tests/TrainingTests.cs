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

    [Fact]
    public void At_N4_a_retrieval_warm_up_measurably_beats_none_on_the_same_task_budget()
    {
        // Every token is labelled by its own id's class (as in tagging), so the task needs each input's
        // tokens back from the mix: what the warm-up teaches the backbone, on other, unlabelled rows. The same few task
        // steps then go much further.
        var (trainTokens, trainLabels) = SyntheticTask.MakeTagged(rows: 2000, length: WarmableTagger.MaxLength, vocabulary: WarmableTagger.Vocabulary, classes: WarmableTagger.Labels, seed: 1);
        var (testTokens, testLabels) = SyntheticTask.MakeTagged(rows: 1000, length: WarmableTagger.MaxLength, vocabulary: WarmableTagger.Vocabulary, classes: WarmableTagger.Labels, seed: 2);
        var (unlabelled, _) = SyntheticTask.MakeTagged(rows: 4000, length: WarmableTagger.MaxLength, vocabulary: WarmableTagger.Vocabulary, classes: WarmableTagger.Labels, seed: 3);
        var task = new TrainingOptions { Steps = 20, BatchGroups = 16, LearningRate = 3e-3, Seed = 3, WarmupFraction = 0.1, LinearDecay = true };

        using var cold = new WarmableTagger();
        MultiplexedTrainer.Train(cold, trainTokens, trainLabels, task);
        var coldAccuracy = MultiplexedTrainer.Evaluate(cold, testTokens, testLabels);

        using var warm = new WarmableTagger();
        using var head = new RetrievalHead(WarmableTagger.Configuration);
        var warmup = MultiplexedTrainer.WarmUp(warm, head, unlabelled, new TrainingOptions { Steps = 300, BatchGroups = 16, LearningRate = 3e-3, Seed = 4, WarmupFraction = 0.1, LinearDecay = true });
        MultiplexedTrainer.Train(warm, trainTokens, trainLabels, task, retrieval: head);
        var warmAccuracy = MultiplexedTrainer.Evaluate(warm, testTokens, testLabels);

        output.WriteLine($"held-out accuracy without warm-up {coldAccuracy:P1}, with {warmAccuracy:P1} (warm-up retrieval accuracy {warmup.RetrievalAccuracy:P0})");
        Assert.True(warmAccuracy >= coldAccuracy + 0.10, $"with warm-up {warmAccuracy:P1}, without {coldAccuracy:P1}: expected at least 10 points more");
    }
    /// <summary>FirstTokenModel's task on MUX-PLMs' demux, MUX-PLMs' mux, and a user's backbone: each beats chance by far.</summary>
    [Fact]
    public void The_learned_keys_demux_learns_the_per_instance_task() => LearnsFirstToken(new LearnedKeysFirstTokenModel(), "LearnedKeys");

    [Fact]
    public void The_contextual_mux_learns_the_per_instance_task() => LearnsFirstToken(new ContextualFirstTokenModel(), "Contextual");

    [Fact]
    public void A_user_backbone_learns_the_per_instance_task() => LearnsFirstToken(new MixerFirstTokenModel(), "MixerEncoder");

    private void LearnsFirstToken<TModel>(TModel model, string variant)
        where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, IMultiplexedModel
    {
        using var owned = model;
        var (trainTokens, trainLabels) = SyntheticTask.Make(rows: 4000, length: FirstTokenModel.MaxLength, vocabulary: FirstTokenModel.Vocabulary, seed: 1);
        var (testTokens, testLabels) = SyntheticTask.Make(rows: 1000, length: FirstTokenModel.MaxLength, vocabulary: FirstTokenModel.Vocabulary, seed: 2);
        // 1e-3, not FirstTokenModel's 3e-3: the contextual mux's two extra attention layers plateau and then diverge at
        // 3e-3 in 15 epochs (54% held out), while at 1e-3 they learn the task fully (measured when this test was written).
        MultiplexedTrainer.Train(model, trainTokens, trainLabels, new TrainingOptions { Epochs = 15, BatchGroups = 16, LearningRate = 1e-3, Seed = 3, WarmupFraction = 0.1, LinearDecay = true });
        var accuracy = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);

        output.WriteLine($"{variant}: held-out accuracy {accuracy:P1} (chance 50%)");
        Assert.True(accuracy >= 0.80, $"{variant}: held-out accuracy {accuracy:P1}, expected at least 80% (chance 50%)");
    }

    [Fact]
    public void A_tagger_on_a_user_backbone_warms_up_through_its_learned_keys_and_trains()
    {
        var (tokens, labels) = SyntheticTask.MakeTagged(rows: 200, length: MixerKeysTagger.MaxLength, vocabulary: MixerKeysTagger.Vocabulary, classes: MixerKeysTagger.Labels, seed: 1);
        using var model = new MixerKeysTagger();
        using var head = new RetrievalHead(MixerKeysTagger.Configuration);
        var warmup = MultiplexedTrainer.WarmUp(model, head, tokens, new TrainingOptions { Steps = 5, BatchGroups = 8, Seed = 4 });
        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 5, BatchGroups = 8, Seed = 5 }, retrieval: head);
        using var logits = model.forward(tokens);

        Assert.Equal(new long[] { 200, MixerKeysTagger.MaxLength, MixerKeysTagger.Labels }, logits.shape);
        Assert.InRange(Assert.NotNull(warmup.RetrievalAccuracy), 0.0, 1.0);
    }
}
