using System;
using System.Linq;
using DataMux.Backbones;
using DataMux.Batching;
using DataMux.Multiplexers;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// Inference for a trained DataMux model on the CPU, faster than the model's own modules: the encoder's weights packed
/// for MKL, the whole encoder stack in one native pass on libtorch's threads, attention through MKL's batched
/// products, and the embedding + mux and the index demux's token tail as single native passes. Outputs equal the
/// model's within float32 rounding.
/// </summary>
/// <remarks>
/// <para><c>using var engine = CpuEngine.Compile(model);</c> after training, then <c>engine.forward(tokens)</c> where
/// <c>model.forward(tokens)</c> would be called: same input contract, same errors, one output row per input row in
/// input order. <see cref="Report"/> says, per stage, whether the engine or the model's own module runs it and why.</para>
/// <para>Compile switches the model to evaluation mode; <see cref="forward"/> refuses to run once the model is back in
/// training mode. The engine reads the model's weights where they are, so weights loaded or trained after Compile are
/// used: the packed copies are compared with a sample of every weight at each call and packed again when it differs
/// (a checkpoint load or an optimizer step changes every element). A change of a few single elements can slip past the
/// sample: call <see cref="Repack"/> after such edits. Not for use while another thread changes the weights.</para>
/// <para>Models whose parameters are not all float32 CPU tensors (a CUDA model, a float64 one) compile to an engine that
/// runs the model's own modules, every stage saying why: the engine's kernels are CPU float32 kernels. Engines of models
/// whose encoder layers share weight storage share one packed copy. Several threads may call <see cref="forward"/> at
/// once, as they may call the model's; do not dispose the engine while a call runs.</para>
/// </remarks>
public sealed class CpuEngine : IDisposable
{
    private readonly IMultiplexedModel model;
    private readonly nn.Module module;
    private readonly EmbeddingMixStage embeddingMix;
    private readonly EncoderStage? encoder;
    private readonly TokenDemuxStage? demux;
    private readonly bool plain;
    private bool disposed;

    private CpuEngine(IMultiplexedModel model, CpuEngineOptions options)
    {
        this.model = model;
        module = (nn.Module)model;
        Options = options;
        var parts = model.Parts;
        var name = model.Configuration.ModelName;
        if (NotFloatCpu(module) is { } why)
        {
            plain = true;
            // EmbedAndMix still runs this stage: the modules one after another, nothing fused.
            embeddingMix = new EmbeddingMixStage(parts.Embedding, parts.Mux, parts.Context, fuse: false);
            Report = new CpuEngineReport(name,
            [
                new CpuEngineStage(EmbeddingMixStage.Name, false, $"the model's modules ({why})"),
                new CpuEngineStage(EncoderStage.Name, false, $"the model's modules ({why})"),
                new CpuEngineStage(TokenDemuxStage.Name, false, $"the model's modules ({why})"),
            ]);
            return;
        }

        embeddingMix = new EmbeddingMixStage(parts.Embedding, parts.Mux, parts.Context, options.FusedEmbeddingMix);
        // A user's own backbone ([Backbone]) is the user's code: the engine runs it as it is.
        encoder = parts.Encoder is TransformerEncoder transformer ? new EncoderStage(transformer, options) : null;
        var backbone = parts.Encoder is ModuleBackbone user ? user.Module.GetName() : parts.Encoder.GetName();
        var encoderStage = encoder?.Stage ?? new CpuEngineStage(EncoderStage.Name, false, $"the model's backbone ({backbone} is not the generated Transformer)");
        demux = new TokenDemuxStage(model, options.FusedTokenDemux);
        Report = new CpuEngineReport(name, [embeddingMix.Stage, encoderStage, demux.Stage]);
    }

    /// <summary>What the engine runs for each stage, and why a stage runs the model's own module.</summary>
    public CpuEngineReport Report { get; }

    /// <summary>The options the engine was compiled with.</summary>
    public CpuEngineOptions Options { get; }

    /// <summary>The compiled model.</summary>
    public IMultiplexedModel Model => model;

    /// <summary>
    /// Compiles <paramref name="model"/> (a generated model, trained) for inference: reads its modules' registered
    /// weights, packs the encoder's projections, and decides each stage's path (<see cref="Report"/>). Switches the
    /// model to evaluation mode.
    /// </summary>
    /// <param name="model">The model: a generated DataMux model (a TorchSharp module).</param>
    /// <param name="options">Which paths to use; null: <see cref="CpuEngineOptions.Default"/>, every path on.</param>
    /// <exception cref="ArgumentException">The model is not a TorchSharp module.</exception>
    public static CpuEngine Compile(IMultiplexedModel model, CpuEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not nn.Module module)
            throw new ArgumentException($"Expected a generated model (a TorchSharp module implementing IMultiplexedModel), but got a {model.GetType().Name}.", nameof(model));
        module.eval();
        return new CpuEngine(model, options ?? CpuEngineOptions.Default);
    }

    /// <summary>
    /// Maps token ids <c>[rows, length]</c> (int64) to logits, <c>[rows, Classes]</c> or <c>[rows, length, Labels]</c>,
    /// as the model's <c>forward</c> does (N rows per backbone pass), in inference mode: the result takes no part in
    /// autograd.
    /// </summary>
    /// <exception cref="ArgumentException">The tokens are not what the model accepts (the model's own message).</exception>
    /// <exception cref="InvalidOperationException">The model was switched back to training mode after Compile.</exception>
    public Tensor forward(Tensor tokens)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var configuration = model.Configuration;
        if (module.training)
        {
            throw new InvalidOperationException(
                $"{configuration.ModelName} is in training mode, but the CPU engine runs a trained model in evaluation mode: call eval() on the model (or compile it after training).");
        }

        using var inference = torch.inference_mode();
        if (plain) return ((nn.Module<Tensor, Tensor>)module).forward(tokens);

        var parts = model.Parts;
        TokenChecks.Validate(tokens, configuration.ModelName, configuration.MaxLength, configuration.Vocabulary, parts.Embedding.Device);
        using var scope = torch.NewDisposeScope();
        var batch = MultiplexedBatch.Group(tokens, configuration.N, configuration.PaddingToken);
        var prefixed = parts.Demux.AddPrefix(batch.Tokens);
        var hidden = Encode(EmbedAndMix(prefixed, batch), batch.PaddingMask(prefixed));
        return scope.MoveToOuter(batch.Ungroup(Decode(hidden, batch)));
    }

    /// <summary>
    /// The first stage of <see cref="forward"/>, for per-stage timing and inspection: the prefixed ids of grouped rows
    /// <c>[G·N, P+L]</c> embedded and mixed, and re-embedded where the model does: <c>[G, P+L, d]</c>. The ids are not
    /// checked again: pass what <c>demux.AddPrefix</c> made of <paramref name="batch"/>'s rows. The contextual mux reads
    /// every input's own padding from <paramref name="batch"/>, as the generated Encode does.
    /// </summary>
    public Tensor EmbedAndMix(Tensor prefixed, MultiplexedBatch batch)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(prefixed);
        ArgumentNullException.ThrowIfNull(batch);
        using var inference = torch.inference_mode();
        var parts = model.Parts;
        if (parts.Mux is ContextualMultiplexer contextual)
        {
            using var embedded = parts.Embedding.forward(prefixed);
            using var instancePadding = batch.InstancePaddingMask(prefixed);
            return Reembedded(contextual.Mix(embedded, instancePadding));
        }

        return Reembedded(embeddingMix.Apply(prefixed));
    }

    /// <summary>
    /// The encoder stack as the engine runs it, for per-stage timing (a backbone-only ceiling): <c>[G, L, d]</c> with
    /// a padding mask <c>[G, L]</c> (bool, true at padded positions) or null -> <c>[G, L, d]</c>.
    /// </summary>
    public Tensor Encode(Tensor mixed, Tensor? paddingMask)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(mixed);
        using var inference = torch.inference_mode();
        return encoder?.Apply(mixed, paddingMask) ?? model.Parts.Encoder.forward(mixed, paddingMask);
    }

    /// <summary>
    /// The last stage of <see cref="forward"/>: demultiplexes the backbone's output <c>[G, P+L, d]</c> of
    /// <paramref name="batch"/> and applies the head, logits for every grouped row, filler rows included
    /// (<c>batch.Ungroup</c> strips them), as the model's <c>Decode</c>.
    /// </summary>
    public Tensor Decode(Tensor hidden, MultiplexedBatch batch)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(batch);
        using var inference = torch.inference_mode();
        return demux?.Apply(hidden, batch) ?? model.Decode(hidden, batch);
    }

    // The mix through the embedding block again, where the model does (the generated Encode's order).
    private Tensor Reembedded(Tensor mixed)
    {
        if (!model.Configuration.Reembed) return mixed;
        using (mixed) return model.Parts.Embedding.Reembed(mixed);
    }

    /// <summary>
    /// Packs every encoder weight again, whatever the sampled check says: after in-place edits of a few elements, which
    /// the check may miss. Copies shared with other engines are packed for all of them.
    /// </summary>
    public void Repack()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (encoder is null) return;
        foreach (var layer in encoder.Layers) layer.Repack();
    }

    /// <summary>How many times encoder weights were packed, the first packing included: a count that keeps growing in a steady workload means weights keep changing under the copies.</summary>
    public long Packings => encoder?.Layers.Sum(layer => layer.Packings) ?? 0;

    /// <summary>Frees the packed copies (shared ones when the last engine using them is disposed); the model is untouched.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        encoder?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A dropped engine gives its packed copies back to the shared table, so that they are freed with the last user.</summary>
    ~CpuEngine() => encoder?.Dispose();

    // Why the engine's float32 CPU kernels cannot serve the model, or null when they can.
    private static string? NotFloatCpu(nn.Module module)
    {
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (parameter.device_type != DeviceType.CPU || parameter.dtype != ScalarType.Float32)
                return $"the engine runs float32 CPU tensors, but {name} is {parameter.dtype} on {parameter.device}";
        }

        return null;
    }
}
