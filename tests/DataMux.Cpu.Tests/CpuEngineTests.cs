using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>A compiled model gives the model's own outputs and errors, says what it runs, and cleans up.</summary>
public sealed class CpuEngineTests : SeededTests
{
    private static readonly Dictionary<string, Func<IMultiplexedModel>> Models = new()
    {
        [nameof(GaussianIndexTagger)] = () => new GaussianIndexTagger(),
        [nameof(GaussianIndexClassifier)] = () => new GaussianIndexClassifier(),
        [nameof(BinaryMlpTagger)] = () => new BinaryMlpTagger(),
        [nameof(IdentityIndexClassifier)] = () => new IdentityIndexClassifier(),
        [nameof(OrthogonalShortcutClassifier)] = () => new OrthogonalShortcutClassifier(),
        [nameof(ContextIndexTagger)] = () => new ContextIndexTagger(),
        [nameof(LearnedIndexTagger)] = () => new LearnedIndexTagger(),
        [nameof(PlainClassifier)] = () => new PlainClassifier(),
        [nameof(LongTagger)] = () => new LongTagger(),
        [nameof(ContextualIndexTagger)] = () => new ContextualIndexTagger(),
        [nameof(LearnedKeysClassifier)] = () => new LearnedKeysClassifier(),
        [nameof(UserBackboneTagger)] = () => new UserBackboneTagger(),
    };

    /// <summary>Each option switched off alone, by name.</summary>
    private static readonly Dictionary<string, CpuEngineOptions> OneOff = new()
    {
        ["FusedEmbeddingMix"] = new() { FusedEmbeddingMix = false },
        ["PackedWeights"] = new() { PackedWeights = false },
        ["EncoderTeam"] = new() { EncoderTeam = false },
        ["PairSplit"] = new() { PairSplit = false },
        ["CpuAttention"] = new() { CpuAttention = false },
        ["FusedTokenDemux"] = new() { FusedTokenDemux = false },
    };

    public static TheoryData<string, int, int> ModelsAndRows()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var model in Models.Keys)
        {
            data.Add(model, 1, 1);   // one row: a group of one input and N - 1 fillers
            data.Add(model, 7, 1);   // a last group with fillers
            data.Add(model, 12, 2);  // whole groups, two threads
        }

        return data;
    }

    public static TheoryData<string, string> ModelsAndOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in new[] { nameof(GaussianIndexTagger), nameof(GaussianIndexClassifier), nameof(LongTagger) })
            foreach (var option in OneOff.Keys) data.Add(model, option);
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndRows))]
    public void The_engine_gives_the_models_outputs_within_float32_rounding(string name, int rows, int threads)
    {
        using var model = (nn.Module<Tensor, Tensor>)Models[name]();
        using var engine = CpuEngine.Compile((IMultiplexedModel)model);
        using var tokens = Tokens(engine.Model, rows);
        using var expected = Plain(model, tokens);
        using var actual = TorchThreads.With(threads, () => engine.forward(tokens));
        Assert.Equal(expected.shape, actual.shape);
        // The team's, MKL's and the fused passes' sums run in other orders than libtorch's operators: rounding differs.
        TensorAssertions.AssertCloseButNotIdentical(actual, expected, 1e-4, 1e-5, $"bit-identical to the model's forward: the engine did not run ({engine.Report})");
    }

    [Theory]
    [MemberData(nameof(ModelsAndOptions))]
    public void Each_option_off_alone_keeps_the_outputs_and_shows_in_the_report(string name, string option)
    {
        using var model = (nn.Module<Tensor, Tensor>)Models[name]();
        using var engine = CpuEngine.Compile((IMultiplexedModel)model, OneOff[option]);
        using var tokens = Tokens(engine.Model, 12);
        using var expected = Plain(model, tokens);
        using var actual = TorchThreads.With(2, () => engine.forward(tokens));
        Assert.True(actual.allclose(expected, 1e-4, 1e-5), $"{option} off: max difference {(actual - expected).abs().max().item<float>()}");
        var stage = option switch
        {
            "FusedEmbeddingMix" => "embedding + mux",
            "FusedTokenDemux" => "demux + head",
            _ => "encoder",
        };
        if (option != "FusedTokenDemux" || engine.Model.Configuration.Task == ModelTask.TokenClassification)
            Assert.Contains($"{option} off", engine.Report[stage].Detail);
        Assert.Same(OneOff[option], engine.Options);
    }

    [Fact]
    public void A_users_backbone_and_the_contextual_mux_run_as_the_model_runs_them_and_the_report_says_so()
    {
        using var user = new UserBackboneTagger();
        using var userEngine = CpuEngine.Compile(user);
        Assert.False(userEngine.Report[EncoderStage.Name].Fused);
        Assert.Contains("PositionwiseBackbone is not the generated Transformer", userEngine.Report[EncoderStage.Name].Detail);
        Assert.True(userEngine.Report[EmbeddingMixStage.Name].Fused, userEngine.Report.ToString());

        using var contextual = new ContextualIndexTagger();
        using var contextualEngine = CpuEngine.Compile(contextual);
        Assert.False(contextualEngine.Report[EmbeddingMixStage.Name].Fused);
        Assert.True(contextualEngine.Report[EncoderStage.Name].Fused, contextualEngine.Report.ToString());
    }

    [Fact]
    public void With_every_option_off_the_models_own_modules_run_bit_for_bit()
    {
        var off = new CpuEngineOptions
        {
            FusedEmbeddingMix = false, PackedWeights = false, EncoderTeam = false, PairSplit = false, CpuAttention = false, FusedTokenDemux = false,
        };
        using var model = new GaussianIndexTagger();
        using var engine = CpuEngine.Compile(model, off);
        Assert.False(engine.Report.AnyFused, engine.Report.ToString());
        using var tokens = Tokens(model, 7);
        using var expected = Plain(model, tokens);
        using var actual = engine.forward(tokens);
        Assert.True(actual.equal(expected).all().item<bool>(), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void The_report_names_each_stages_path_and_why_a_stage_is_plain()
    {
        using var tagger = new GaussianIndexTagger();
        using var engine = CpuEngine.Compile(tagger);
        Assert.Equal(new[] { "embedding + mux", "encoder", "demux + head" }, engine.Report.Stages.Select(s => s.Name));
        Assert.All(engine.Report.Stages, stage => Assert.True(stage.Fused, stage.ToString()));
        Assert.Contains("one native pass", engine.Report["encoder"].Detail);
        Assert.Contains("CPU engine for GaussianIndexTagger:", engine.Report.ToString());

        using var orthogonal = new OrthogonalShortcutClassifier();
        using var plainMix = CpuEngine.Compile(orthogonal);
        Assert.False(plainMix.Report["embedding + mux"].Fused);
        Assert.Contains("OrthogonalMultiplexer is not element-wise", plainMix.Report["embedding + mux"].Detail);
        Assert.Contains("one row per input", plainMix.Report["demux + head"].Detail);

        using var context = new ContextIndexTagger();
        using var contextEngine = CpuEngine.Compile(context);
        Assert.False(contextEngine.Report["embedding + mux"].Fused);
        Assert.Contains("a 3-position context layer runs between them", contextEngine.Report["embedding + mux"].Detail);

        using var mlp = new BinaryMlpTagger();
        using var mlpEngine = CpuEngine.Compile(mlp);
        Assert.Contains("MlpDemultiplexer has no fused pass", mlpEngine.Report["demux + head"].Detail);
        Assert.Throws<ArgumentException>(() => mlpEngine.Report["decoder"]);
    }

    public static TheoryData<string, Func<Tensor>> BadInputs() => new()
    {
        { "float ids", () => ones(3, 8) },
        { "one dimension", () => zeros(new long[] { 8 }, dtype: ScalarType.Int64) },
        { "too long", () => zeros(new long[] { 2, 9 }, dtype: ScalarType.Int64) },
        { "no rows", () => zeros(new long[] { 0, 8 }, dtype: ScalarType.Int64) },
        { "id past the vocabulary", () => full(new long[] { 2, 8 }, 20L, dtype: ScalarType.Int64) },
        { "negative id", () => full(new long[] { 2, 8 }, -1L, dtype: ScalarType.Int64) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_the_models_own_error(string what, Func<Tensor> make)
    {
        using var model = new GaussianIndexTagger();
        using var engine = CpuEngine.Compile(model);
        using var tokens = make();
        var expected = Record(() => Plain(model, tokens));
        var actual = Record(() => engine.forward(tokens));
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        Assert.False(string.IsNullOrEmpty(what));
        Assert.Throws<ArgumentNullException>(() => engine.forward(null!));
    }

    [Fact]
    public void A_disposed_engine_refuses_calls_and_leaves_the_model_working()
    {
        using var model = new GaussianIndexTagger();
        var engine = CpuEngine.Compile(model);
        using var tokens = Tokens(model, 4);
        engine.forward(tokens).Dispose();
        engine.Dispose();
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => engine.forward(tokens));
        Assert.Throws<ObjectDisposedException>(engine.Repack);
        using var still = Plain(model, tokens);
        Assert.Equal(new long[] { 4, 8, 5 }, still.shape);
    }

    [Fact]
    public void Compile_switches_to_evaluation_and_a_model_back_in_training_is_refused()
    {
        using var model = new GaussianIndexTagger();
        Assert.True(model.training);
        using var engine = CpuEngine.Compile(model);
        Assert.False(model.training);
        using var tokens = Tokens(model, 3);
        using var twice1 = engine.forward(tokens);
        using var twice2 = engine.forward(tokens);
        Assert.True(twice1.equal(twice2).all().item<bool>(), "evaluation: no dropout, the same output twice");
        model.train();
        var error = Assert.Throws<InvalidOperationException>(() => engine.forward(tokens));
        Assert.Contains("GaussianIndexTagger is in training mode", error.Message);
        Assert.Throws<ArgumentNullException>(() => CpuEngine.Compile(null!));
    }

    [Fact]
    public void Weights_loaded_after_compiling_are_used()
    {
        using var model = new GaussianIndexTagger();
        using var other = new GaussianIndexTagger();
        using (no_grad())
        {
            foreach (var (_, parameter) in other.named_parameters()) parameter.add_(randn_like(parameter), HeldScalarsForTests.Tenth);
        }

        using var engine = CpuEngine.Compile(model);
        using var tokens = Tokens(model, 6);
        using var before = engine.forward(tokens);
        var packings = engine.Packings;
        model.load_state_dict(other.state_dict());
        using var expected = Plain(other, tokens);
        using var after = engine.forward(tokens);
        Assert.False(after.allclose(before, 1e-3, 1e-3), "the loaded weights must change the outputs");
        Assert.True(after.allclose(expected, 1e-4, 1e-5), $"max difference {(after - expected).abs().max().item<float>()}");
        Assert.True(engine.Packings > packings, "the changed weights must have been packed again");
    }

    [Fact]
    public void A_model_that_is_not_float32_on_the_cpu_runs_as_itself_and_the_report_says_why()
    {
        // The same decision as for a CUDA model: the engine's kernels are float32 CPU kernels.
        using var model = new GaussianIndexClassifier();
        model.to(ScalarType.Float64);
        using var engine = CpuEngine.Compile(model);
        Assert.False(engine.Report.AnyFused);
        Assert.All(engine.Report.Stages, stage => Assert.Contains("the engine runs float32 CPU tensors, but", stage.Detail));
        using var tokens = Tokens(model, 5);
        using var expected = Plain(model, tokens);
        using var actual = engine.forward(tokens);
        Assert.Equal(ScalarType.Float64, actual.dtype);
        Assert.True(actual.equal(expected).all().item<bool>());
    }

    [Fact]
    public void Calls_from_several_threads_at_once_agree_with_one_at_a_time()
    {
        using var model = new GaussianIndexTagger();
        using var engine = CpuEngine.Compile(model);
        var inputs = Enumerable.Range(0, 6).Select(i => Tokens(model, 1 + 2 * i)).ToArray();
        var expected = inputs.Select(engine.forward).ToArray();
        var actual = new Tensor[inputs.Length];
        System.Threading.Tasks.Parallel.For(0, inputs.Length * 4, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
        {
            var result = engine.forward(inputs[i % inputs.Length]);
            if (i < inputs.Length) actual[i] = result;
            else result.Dispose();
        });
        for (var i = 0; i < inputs.Length; i++) Assert.True(actual[i].allclose(expected[i], 1e-5, 1e-6), $"input {i}: max difference {(actual[i] - expected[i]).abs().max().item<float>()}");
        foreach (var tensor in inputs.Concat(expected).Concat(actual)) tensor.Dispose();
    }

    [Fact]
    public void Outputs_take_no_part_in_autograd()
    {
        using var model = new GaussianIndexTagger();
        using var engine = CpuEngine.Compile(model);
        using var tokens = Tokens(model, 3);
        using var logits = engine.forward(tokens);
        Assert.False(logits.requires_grad);
    }

    private static Tensor Tokens(IMultiplexedModel model, int rows)
    {
        var c = model.Configuration;
        var tokens = randint(1, c.Vocabulary, new long[] { rows, c.MaxLength }, dtype: ScalarType.Int64);
        // Padding at the end of some rows, so that padding masks reach the encoder.
        for (var row = 0; row < rows; row += 2) tokens[row, TensorIndex.Slice(c.MaxLength - 1 - row % c.MaxLength / 2)] = tensor(0L);
        return tokens;
    }

    // The model's own forward, as a served model runs it: evaluation mode, inference mode.
    private static Tensor Plain(nn.Module<Tensor, Tensor> model, Tensor tokens)
    {
        model.eval();
        using var inference = inference_mode();
        return model.forward(tokens);
    }

    private static Exception? Record(Func<Tensor> call)
    {
        try
        {
            call().Dispose();
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }
}

/// <summary>Scalars held for the test's calls (see DataMux.HeldScalars).</summary>
internal static class HeldScalarsForTests
{
    public static readonly Scalar Tenth = 0.1.ToScalar();
}
