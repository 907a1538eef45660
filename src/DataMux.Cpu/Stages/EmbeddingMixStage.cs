using DataMux.Backbones;
using DataMux.Multiplexers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// The embedding block and the mux: one native pass (<see cref="FusedEmbeddingMix"/>) for the element-wise muxes, whose
/// per-index vectors the mux exposes, or the modules, <c>mux.forward(embedding.forward(ids))</c>, with the model's
/// context layer between the two where it has one.
/// </summary>
internal sealed class EmbeddingMixStage
{
    private readonly TokenEmbedding embedding;
    private readonly Multiplexer mux;
    private readonly LocalContext? context;
    private readonly Embedding? tokens;
    private readonly Embedding? positions;
    private readonly LayerNorm? norm;
    private readonly Tensor? perIndex;

    public EmbeddingMixStage(TokenEmbedding embedding, Multiplexer mux, LocalContext? context, bool fuse)
    {
        (this.embedding, this.mux, this.context) = (embedding, mux, context);
        bool elementwise;
        (elementwise, perIndex) = mux switch
        {
            GaussianHadamardMultiplexer gaussian => (true, gaussian.Vectors),
            BinaryHadamardMultiplexer binary => (true, binary.Masks),
            IdentityMultiplexer => (true, (Tensor?)null),
            _ => (false, null),
        };
        Stage = context is not null ? new CpuEngineStage(Name, false, $"the embedding's, the context layer's and the mux's modules (a {context.Window}-position context layer runs between them)")
            : !fuse ? new CpuEngineStage(Name, false, "the embedding's and the mux's modules (FusedEmbeddingMix off)")
            : !elementwise ? new CpuEngineStage(Name, false, $"the embedding's and the mux's modules ({mux.GetName()} is not element-wise)")
            : !NativeTeam.IsAvailable ? new CpuEngineStage(Name, false, $"the embedding's and the mux's modules (native team library: {NativeTeam.UnavailableReason})")
            : new CpuEngineStage(Name, true, $"one native pass: embedding, LayerNorm and {mux.GetName()} (float32 CPU; other tensors run the modules)");
        if (Stage.Fused)
        {
            tokens = ModuleChildren.Get<Embedding>(embedding, "tokens");
            positions = ModuleChildren.Get<Embedding>(embedding, "positions");
            norm = ModuleChildren.Get<LayerNorm>(embedding, "norm");
        }
    }

    public const string Name = "embedding + mux";

    public CpuEngineStage Stage { get; }

    /// <summary>The prefixed ids <c>[G·N, L]</c> embedded and mixed: <c>[G, L, d]</c>.</summary>
    public Tensor Apply(Tensor ids)
    {
        if (Stage.Fused)
        {
            // Every read of an Embedding's weight makes a new tensor handle: the scope releases them.
            using var scope = torch.NewDisposeScope();
            if (FusedEmbeddingMix.TryMix(tokens!.weight!, positions!.weight!, norm!, ids, mux.N, mux.Hidden, perIndex) is { } mixed)
                return scope.MoveToOuter(mixed);
        }

        using var embedded = embedding.forward(ids);
        if (context is null) return mux.forward(embedded);
        using var contextual = context.forward(embedded);
        return mux.forward(contextual);
    }
}
