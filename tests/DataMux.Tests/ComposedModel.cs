using DataMux.Backbones;
using DataMux.Batching;
using DataMux.Demultiplexers;
using DataMux.Heads;
using DataMux.Multiplexers;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>
/// A hand-written model that mirrors what the generator emits (same fields, same forward), so that the runtime can be
/// tested end to end without the generator.
/// </summary>
public sealed class ComposedModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
{
    private readonly TokenEmbedding embedding;
    private readonly Multiplexer mux;
    private readonly TransformerEncoder encoder;
    private readonly Demultiplexer demux;
    private readonly nn.Module<Tensor, Tensor> head;

    public ComposedModel(ModelConfiguration configuration) : base(configuration.ModelName)
    {
        Configuration = configuration;
        var c = configuration;
        using (Seeding.Scope(c.Seed))
        {
            var layout = c.Tokens;
            demux = c.Demux switch
            {
                Demux.IndexEmbedding => new IndexEmbeddingDemultiplexer(layout, c.Hidden),
                _ => new MlpDemultiplexer(layout, c.Hidden),
            };
            embedding = new TokenEmbedding(layout, c.MaxLength + demux.PrefixLength, c.Hidden, c.Dropout);
            mux = c.Mux switch
            {
                Mux.GaussianHadamard => new GaussianHadamardMultiplexer(c.N, c.Hidden, c.Seed),
                Mux.Orthogonal => new OrthogonalMultiplexer(c.N, c.Hidden, c.Seed),
                Mux.BinaryHadamard => new BinaryHadamardMultiplexer(c.N, c.Hidden, c.Seed),
                Mux.Identity => new IdentityMultiplexer(c.N, c.Hidden, c.Seed),
                _ => new LearnedMultiplexer(c.N, c.Hidden, c.Seed),
            };
            encoder = new TransformerEncoder(c.Layers, c.Hidden, c.Heads, c.FeedForward, c.Dropout);
            head = c.Task == ModelTask.SequenceClassification
                ? new SequenceClassificationHead(c.Hidden, c.Outputs)
                : new TokenClassificationHead(c.Hidden, c.Outputs);
        }

        RegisterComponents();
    }

    public ModelConfiguration Configuration { get; }

    public ModelParts Parts => new(embedding, mux, encoder, demux, head);

    public static ModelConfiguration Tiny(
        int n = 4, Mux mux = Mux.Orthogonal, Demux demux = Demux.IndexEmbedding, ModelTask task = ModelTask.SequenceClassification,
        int seed = 7, int hidden = 32, int maxLength = 8, int vocabulary = 20, int outputs = 2, double dropout = 0.0, int layers = 1)
        => new("TinyModel", n, mux, demux, seed, layers, hidden, 4, 2 * hidden, maxLength, vocabulary, 0, dropout, task, outputs);

    public override Tensor forward(Tensor tokens)
    {
        TokenChecks.Validate(tokens, Configuration.ModelName, Configuration.MaxLength, Configuration.Vocabulary);
        using var scope = torch.NewDisposeScope();
        var batch = MultiplexedBatch.Group(tokens, Configuration.N, Configuration.PaddingToken);
        var prefixed = demux.AddPrefix(batch.Tokens);
        var muxed = mux.forward(embedding.forward(prefixed));
        var hidden = encoder.forward(muxed, batch.PaddingMask(prefixed));
        var features = Configuration.Task == ModelTask.SequenceClassification ? demux.Sequence(hidden) : demux.Tokens(hidden);
        var logits = head.forward(features);
        return scope.MoveToOuter(batch.Ungroup(logits));
    }
}
