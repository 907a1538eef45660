using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using DataMux.Testing;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly TemporaryFolder folder = new("dmx-checkpoints-");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_saved_model_loads_into_a_model_of_the_same_configuration()
    {
        using var saved = new TwoWayModel();
        var (tokens, labels) = TrainerTasks.FirstToken(32, 1);
        MultiplexedTrainer.Train(saved, tokens, labels, new TrainingOptions { Steps = 3 });
        saved.SaveCheckpoint(folder.File("model.dmx"));

        using var loaded = new TwoWayModel();
        loaded.LoadCheckpoint(folder.File("model.dmx"));

        Assert.All(saved.state_dict().Zip(loaded.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value), pair.First.Key));
    }

    [Fact]
    public void A_context_layer_on_one_side_only_is_named_whichever_side_has_it()
    {
        using var withContext = new FourWayContextTokenModel();
        withContext.SaveCheckpoint(folder.File("context.dmx"));
        using var without = new FourWayShortcutTokenModel();
        without.SaveCheckpoint(folder.File("plain.dmx"));

        var intoWithout = Assert.Throws<InvalidOperationException>(() => without.LoadCheckpoint(folder.File("context.dmx")));
        var intoWith = Assert.Throws<InvalidOperationException>(() => withContext.LoadCheckpoint(folder.File("plain.dmx")));

        Assert.Contains("ContextWindow is 3 there and not set here", intoWithout.Message);
        Assert.Contains("ContextWindow is (missing) there and 3 here", intoWith.Message);
    }

    [Fact]
    public void Loading_into_another_configuration_names_every_difference()
    {
        using var two = new TwoWayModel();
        two.SaveCheckpoint(folder.File("two.dmx"));
        using var four = new FourWayTrainingModel();

        var error = Assert.Throws<InvalidOperationException>(() => four.LoadCheckpoint(folder.File("two.dmx")));

        Assert.Contains("written for another model configuration (TwoWayModel) than FourWayTrainingModel's", error.Message);
        Assert.Contains("N is 2 there and 4 here", error.Message);
    }

    [Fact]
    public void A_truncated_or_damaged_file_is_refused_with_a_message()
    {
        using var model = new TwoWayModel();
        var path = folder.File("model.dmx");
        model.SaveCheckpoint(path);
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));
        Assert.Contains("truncated or damaged", truncated.Message);

        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var damaged = Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path));
        Assert.Contains("checksum does not match", damaged.Message);

        File.WriteAllText(path, "not a checkpoint");
        Assert.Contains("is not a DataMux checkpoint", Assert.Throws<InvalidDataException>(() => model.LoadCheckpoint(path)).Message);
        Assert.Contains("no such file", Assert.Throws<FileNotFoundException>(() => model.LoadCheckpoint(folder.File("missing.dmx"))).Message);
    }

    [Fact]
    public void A_crash_in_the_middle_of_a_write_leaves_the_previous_file_loadable_and_no_temporary_file()
    {
        using var model = new TwoWayModel();
        var path = folder.File("model.dmx");
        model.SaveCheckpoint(path);
        var before = File.ReadAllBytes(path);
        using var changed = new TwoWayModel();
        using (torch.no_grad()) foreach (var parameter in changed.parameters()) parameter.add_(1.0.ToScalar());

        // The write fails after 300 bytes, as a process killed there would stop writing.
        var error = Assert.Throws<IOException>(() => CheckpointFile.Write(path, ModelCheckpoints.Header("model", TwoWayModel.Configuration),
            ModelCheckpoints.Prefixed(ModelCheckpoints.ModelPrefix, changed.state_dict()), stream => new FailingStream(stream, 300)));

        Assert.Equal("simulated crash", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.dmx"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        using var loaded = new TwoWayModel();
        loaded.LoadCheckpoint(path);
        Assert.All(model.state_dict().Zip(loaded.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value)));
    }

    [Fact]
    public void A_run_stopped_and_resumed_from_its_checkpoint_ends_as_the_uninterrupted_run()
    {
        // Dropout on, so that the resumed run must draw the masks the uninterrupted one drew.
        var (tokens, labels) = TrainerTasks.FirstToken(40, 2);
        var options = new TrainingOptions { Steps = 12, BatchGroups = 2, Seed = 5, WarmupFraction = 0.2, LinearDecay = true, CheckpointEvery = 4 };
        using var uninterrupted = new TwoWayDropoutModel();
        var expected = MultiplexedTrainer.Train(uninterrupted, tokens, labels, options with { CheckpointFolder = folder.File("a") });

        // Killed after step 6: the last checkpoint is step 4's, so the rerun does steps 5 to 12 again.
        using (var killed = new TwoWayDropoutModel())
        {
            var crash = Assert.Throws<InvalidOperationException>(() => MultiplexedTrainer.Train(killed, tokens, labels, options with { CheckpointFolder = folder.File("b") },
                progress: new Recorded<TrainingProgress>([], step => { if (step.Step == 6) throw new InvalidOperationException("killed"); })));
            Assert.Equal("killed", crash.Message);
        }

        using var resumed = new TwoWayDropoutModel();
        var summary = MultiplexedTrainer.Train(resumed, tokens, labels, options with { CheckpointFolder = folder.File("b") });

        Assert.Equal(4, summary.ResumedFromStep);
        Assert.Equal(expected.EpochLosses, summary.EpochLosses);
        Assert.All(uninterrupted.state_dict().Zip(resumed.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value), pair.First.Key));
    }

    [Fact]
    public void A_cancelled_run_writes_a_checkpoint_and_continues_from_it()
    {
        var (tokens, labels) = TrainerTasks.FirstToken(40, 3);
        var options = new TrainingOptions { Steps = 10, BatchGroups = 2, CheckpointEvery = 100, CheckpointFolder = folder.File("run") };
        using var uninterrupted = new TwoWayDropoutModel();
        MultiplexedTrainer.Train(uninterrupted, tokens, labels, options with { CheckpointFolder = null });

        using var cancellation = new CancellationTokenSource();
        using (var cancelled = new TwoWayDropoutModel())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => MultiplexedTrainer.Train(cancelled, tokens, labels, options,
                progress: new Recorded<TrainingProgress>([], step => { if (step.Step == 3) cancellation.Cancel(); }), cancellationToken: cancellation.Token));
        }

        using var resumed = new TwoWayDropoutModel();
        var summary = MultiplexedTrainer.Train(resumed, tokens, labels, options);

        Assert.Equal(3, summary.ResumedFromStep);
        Assert.All(uninterrupted.state_dict().Zip(resumed.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value), pair.First.Key));
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_an_error_naming_the_difference()
    {
        var (tokens, labels) = TrainerTasks.FirstToken(40, 4);
        var options = new TrainingOptions { Steps = 4, BatchGroups = 2, CheckpointFolder = folder.File("run") };
        using (var first = new TwoWayModel()) MultiplexedTrainer.Train(first, tokens, labels, options);

        using var model = new TwoWayModel();
        var other = Assert.Throws<InvalidOperationException>(() => MultiplexedTrainer.Train(model, tokens, labels, options with { LearningRate = 2e-3 }));
        Assert.Contains("is of another run: LearningRate is 0.001 there and 0.002 here", other.Message);
        var data = Assert.Throws<InvalidOperationException>(() => MultiplexedTrainer.Train(model, tokens.flip(0), labels.flip(0), options));
        Assert.Contains("the training rows differ", data.Message);
        using var four = new FourWayTrainingModel();
        Assert.Contains("N is 2 there and 4 here", Assert.Throws<InvalidOperationException>(() => MultiplexedTrainer.Train(four, tokens, labels, options)).Message);
    }

    [Fact]
    public void A_NaN_loss_stops_the_run_naming_the_step_before_the_weights_change()
    {
        using var model = new TwoWayModel();
        var (tokens, labels) = TrainerTasks.FirstToken(32, 5);
        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 2, BatchGroups = 2 });
        using (torch.no_grad()) model.Parts.Head.parameters().Last().fill_(double.NaN.ToScalar());
        var before = model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.clone());

        var error = Assert.Throws<TrainingDivergedException>(() => MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 5, BatchGroups = 2 }));

        Assert.Equal(1, error.Step);
        Assert.Equal(TrainingPhase.Task, error.Phase);
        Assert.StartsWith("Training diverged: the task loss at step 1 is NaN", error.Message);
        Assert.Contains("The step was not applied", error.Message);
        Assert.All(model.state_dict(), pair => Assert.True(pair.Value.allclose(before[pair.Key], rtol: 0, atol: 0, equal_nan: true), pair.Key));
    }

    [Fact]
    public void Evaluations_every_K_steps_keep_the_best_weights()
    {
        using var model = new TwoWayModel();
        var (tokens, labels) = TrainerTasks.FirstToken(64, 6);
        var (validationTokens, validationLabels) = TrainerTasks.FirstToken(40, 7);
        var reports = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.Train(model, tokens, labels,
            new TrainingOptions { Steps = 30, BatchGroups = 4, LearningRate = 3e-3, EvaluateEvery = 10 },
            validation: new ValidationRows(validationTokens, validationLabels), progress: new Recorded<TrainingProgress>(reports));

        Assert.Equal([10, 20, 30], summary.Evaluations.Select(e => e.Step));
        Assert.Equal(summary.Evaluations, reports.Where(r => r.Validation is not null).Select(r => r.Validation!));
        Assert.Equal(summary.Evaluations.Max(e => e.Accuracy), summary.Best!.Accuracy);
        Assert.True(summary.KeptBest);
        Assert.Equal(summary.Best.Accuracy, MultiplexedTrainer.Evaluate(model, validationTokens, validationLabels), 6);
    }

    [Fact]
    public void A_cached_warm_up_is_loaded_the_second_time_and_a_damaged_one_is_trained_again()
    {
        var (tokens, _) = TrainerTasks.Parity(64, 8);
        var options = new TrainingOptions { Steps = 6, BatchGroups = 4 };
        using var first = new TwoWayHadamardTokenModel();
        var trained = RetrievalWarmup.LoadOrRun(first, tokens, options, folder.Path);
        Assert.False(trained.FromCache);
        Assert.Equal(6, trained.Summary!.Steps);
        Assert.False(Directory.Exists(RetrievalWarmup.PartialFolder(trained.CachePath, TwoWayHadamardTokenModel.Configuration)));
        Assert.Equal([Path.GetFileName(trained.CachePath)], Directory.GetFileSystemEntries(Path.GetDirectoryName(trained.CachePath)!).Select(Path.GetFileName));

        using var second = new TwoWayHadamardTokenModel();
        var cached = RetrievalWarmup.LoadOrRun(second, tokens, options, folder.Path);
        Assert.True(cached.FromCache);
        Assert.Equal(trained.CachePath, cached.CachePath);
        Assert.All(first.state_dict().Zip(second.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value)));
        Assert.All(trained.Head.state_dict().Zip(cached.Head.state_dict()), pair => Assert.True(pair.First.Value.Same(pair.Second.Value)));

        // A classifier of the same backbone shares it (the warm-up never touches the task head), its own head untouched.
        using var classifier = new TwoWayHadamardSentenceModel();
        using var classifierHead = classifier.Parts.Head.parameters().First().clone();
        var shared = RetrievalWarmup.LoadOrRun(classifier, tokens, options, folder.Path);
        Assert.True(shared.FromCache);
        Assert.True(classifier.Parts.Encoder.parameters().First().Same(first.Parts.Encoder.parameters().First()));
        Assert.True(classifier.Parts.Head.parameters().First().Same(classifierHead));

        // Other options are another key: trained, not loaded.
        using var third = new TwoWayHadamardTokenModel();
        Assert.False(RetrievalWarmup.LoadOrRun(third, tokens, options with { Steps = 5 }, folder.Path).FromCache);

        var bytes = File.ReadAllBytes(trained.CachePath);
        File.WriteAllBytes(trained.CachePath, bytes[..100]);
        using var fourth = new TwoWayHadamardTokenModel();
        var again = RetrievalWarmup.LoadOrRun(fourth, tokens, options, folder.Path);
        Assert.False(again.FromCache);
        Assert.Contains("could not be used", again.Note);
        Assert.Equal(bytes.Length, new FileInfo(trained.CachePath).Length);
    }

    [Fact]
    public void An_unfinished_warm_up_of_one_task_does_not_stop_another_task_of_the_same_backbone()
    {
        // A stopped warm-up's checkpoint holds the whole model, task head included: a classifier of the same backbone
        // tried to resume the tagger's and failed on "Task is TokenClassification there and SequenceClassification here".
        var (tokens, _) = TrainerTasks.Parity(64, 8);
        var options = new TrainingOptions { Steps = 6, BatchGroups = 4, CheckpointEvery = 2 };
        using var stop = new CancellationTokenSource();
        using var tagger = new TwoWayHadamardTokenModel();
        var stopAfterThree = new Recorded<TrainingProgress>([], p => { if (p.Step == 3) stop.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => RetrievalWarmup.LoadOrRun(tagger, tokens, options, folder.Path, stopAfterThree, stop.Token));

        using var classifier = new TwoWayHadamardSentenceModel();
        var warmed = RetrievalWarmup.LoadOrRun(classifier, tokens, options, folder.Path);
        Assert.Equal(6, warmed.Summary!.Steps);
        // The finished warm-up supersedes the tagger's unfinished one, which the tagger now loads from the cache.
        Assert.Equal([Path.GetFileName(warmed.CachePath)], Directory.GetFileSystemEntries(Path.GetDirectoryName(warmed.CachePath)!).Select(Path.GetFileName));
        using var again = new TwoWayHadamardTokenModel();
        Assert.True(RetrievalWarmup.LoadOrRun(again, tokens, options, folder.Path).FromCache);
    }

    /// <summary>Passes writes through until <c>limit</c> bytes, then fails as a crash would.</summary>
    private sealed class FailingStream(Stream inner, long limit) : Stream
    {
        private long written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (written + buffer.Length > limit) throw new IOException("simulated crash");
            written += buffer.Length;
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
