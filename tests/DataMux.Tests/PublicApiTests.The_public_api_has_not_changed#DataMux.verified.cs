namespace DataMux
{
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class BackboneAttribute : System.Attribute
    {
        public BackboneAttribute(System.Type type) { }
        public double Dropout { get; set; }
        public int Hidden { get; set; }
        public int MaxLength { get; set; }
        public int PaddingToken { get; set; }
        public System.Type Type { get; }
        public int Vocabulary { get; set; }
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class CnnAttribute : System.Attribute
    {
        public CnnAttribute() { }
        public int Channels { get; set; }
        public int Filters { get; set; }
        public int Height { get; set; }
        public int Hidden { get; set; }
        public int Layers { get; set; }
        public int Width { get; set; }
    }
    public enum Demux
    {
        IndexEmbedding = 0,
        Mlp = 1,
        None = 2,
        LearnedKeys = 3,
    }
    public static class Devices
    {
        public static TorchSharp.torch.Device Resolve(string? request) { }
    }
    public interface IMultiplexedModel
    {
        DataMux.ModelConfiguration Configuration { get; }
        DataMux.ModelParts Parts { get; }
        TorchSharp.torch.Tensor Decode(TorchSharp.torch.Tensor hidden, DataMux.Batching.MultiplexedBatch batch);
        TorchSharp.torch.Tensor Encode(DataMux.Batching.MultiplexedBatch batch);
        TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor tokens);
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class ImageClassificationAttribute : System.Attribute
    {
        public ImageClassificationAttribute() { }
        public int Classes { get; set; }
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class MlpAttribute : System.Attribute
    {
        public MlpAttribute() { }
        public double Dropout { get; set; }
        public int Hidden { get; set; }
        public int Inputs { get; set; }
        public int Layers { get; set; }
    }
    public sealed class ModelConfiguration : System.IEquatable<DataMux.ModelConfiguration>
    {
        public ModelConfiguration(
                    string ModelName,
                    int N,
                    DataMux.Mux Mux,
                    DataMux.Demux Demux,
                    int Seed,
                    int Layers,
                    int Hidden,
                    int Heads,
                    int FeedForward,
                    int MaxLength,
                    int Vocabulary,
                    int PaddingToken,
                    double Dropout,
                    DataMux.ModelTask Task,
                    int Outputs,
                    double MuxNorm = 1,
                    bool LearnMux = false,
                    bool Reembed = false,
                    bool InputShortcut = false,
                    string? Backbone = null,
                    int ContextWindow = 0) { }
        public string? Backbone { get; init; }
        public int ContextWindow { get; init; }
        public DataMux.Demux Demux { get; init; }
        public double Dropout { get; init; }
        public int FeedForward { get; init; }
        public int Heads { get; init; }
        public int Hidden { get; init; }
        public bool InputShortcut { get; init; }
        public int Layers { get; init; }
        public bool LearnMux { get; init; }
        public int MaxLength { get; init; }
        public string ModelName { get; init; }
        public DataMux.Mux Mux { get; init; }
        public double MuxNorm { get; init; }
        public int N { get; init; }
        public int Outputs { get; init; }
        public int PaddingToken { get; init; }
        public bool Reembed { get; init; }
        public int Seed { get; init; }
        public DataMux.ModelTask Task { get; init; }
        public DataMux.TokenLayout Tokens { get; }
        public int Vocabulary { get; init; }
    }
    public sealed class ModelParts : System.IEquatable<DataMux.ModelParts>
    {
        public ModelParts(DataMux.Backbones.TokenEmbedding Embedding, DataMux.Multiplexers.Multiplexer Mux, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor?, TorchSharp.torch.Tensor> Encoder, DataMux.Demultiplexers.Demultiplexer Demux, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Head, DataMux.Demultiplexers.InputShortcut? Shortcut = null, DataMux.Multiplexers.LocalContext? Context = null) { }
        public DataMux.Multiplexers.LocalContext? Context { get; init; }
        public DataMux.Demultiplexers.Demultiplexer Demux { get; init; }
        public DataMux.Backbones.TokenEmbedding Embedding { get; init; }
        public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor?, TorchSharp.torch.Tensor> Encoder { get; init; }
        public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Head { get; init; }
        public DataMux.Multiplexers.Multiplexer Mux { get; init; }
        public DataMux.Demultiplexers.InputShortcut? Shortcut { get; init; }
    }
    public enum ModelTask
    {
        SequenceClassification = 0,
        TokenClassification = 1,
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class MultiplexedAttribute : System.Attribute
    {
        public MultiplexedAttribute() { }
        public int ContextWindow { get; set; }
        public DataMux.Demux Demux { get; set; }
        public bool InputShortcut { get; set; }
        public bool LearnMux { get; set; }
        public DataMux.Mux Mux { get; set; }
        public double MuxNorm { get; set; }
        public int N { get; set; }
        public bool Reembed { get; set; }
        public int Seed { get; set; }
    }
    public enum Mux
    {
        GaussianHadamard = 0,
        Orthogonal = 1,
        BinaryHadamard = 2,
        Identity = 3,
        Learned = 4,
        None = 5,
        Contextual = 6,
        Convolution = 7,
    }
    public static class Seeding
    {
        public static System.IDisposable Scope(int seed) { }
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class SequenceClassificationAttribute : System.Attribute
    {
        public SequenceClassificationAttribute() { }
        public int Classes { get; set; }
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class TokenClassificationAttribute : System.Attribute
    {
        public TokenClassificationAttribute() { }
        public int Labels { get; set; }
    }
    public sealed class TokenLayout : System.IEquatable<DataMux.TokenLayout>
    {
        public TokenLayout(int vocabulary, int n, int paddingToken) { }
        public long Cls { get; }
        public int EmbeddingRows { get; }
        public long Filler { get; }
        public int N { get; }
        public int PaddingToken { get; }
        public int Vocabulary { get; }
        public long Index(int i) { }
    }
    [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple=false, Inherited=false)]
    public sealed class TransformerAttribute : System.Attribute
    {
        public TransformerAttribute() { }
        public double Dropout { get; set; }
        public int FeedForward { get; set; }
        public int Heads { get; set; }
        public int Hidden { get; set; }
        public int Layers { get; set; }
        public int MaxLength { get; set; }
        public int PaddingToken { get; set; }
        public int Vocabulary { get; set; }
    }
}
namespace DataMux.Backbones
{
    public sealed class CnnBackbone : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public CnnBackbone(int channels, int height, int width, int layerCount, int filters, int hidden) { }
        public int Hidden { get; }
        public TorchSharp.torch.Tensor Stem(TorchSharp.torch.Tensor images) { }
        public TorchSharp.torch.Tensor Trunk(TorchSharp.torch.Tensor features) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor images) { }
        [return: System.Runtime.CompilerServices.TupleElementNames(new string[] {
                "Height",
                "Width"})]
        public static System.ValueTuple<long, long> OutputSize(long height, long width, int layerCount) { }
    }
    public sealed class FastDropout : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public FastDropout(double probability) { }
        public double Probability { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor input) { }
    }
    public sealed class MlpBackbone : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public MlpBackbone(int layerCount, int hidden, double dropout = 0) { }
        public double DropoutProbability { get; }
        public int Hidden { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor mixed) { }
    }
    public sealed class ModuleBackbone : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor?, TorchSharp.torch.Tensor>
    {
        public ModuleBackbone(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> module, int hidden) { }
        public int Hidden { get; }
        public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Module { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor? paddingMask) { }
    }
    public sealed class TokenEmbedding : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public TokenEmbedding(DataMux.TokenLayout layout, int maxPositions, int hidden, double dropout) { }
        public TorchSharp.torch.Device Device { get; }
        public int MaxPositions { get; }
        public TorchSharp.torch.Tensor Reembed(TorchSharp.torch.Tensor mixed) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor ids) { }
    }
    public sealed class TransformerEncoder : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor?, TorchSharp.torch.Tensor>
    {
        public TransformerEncoder(int layers, int hidden, int heads, int feedForward, double dropout) { }
        public int Hidden { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor? paddingMask) { }
    }
    public sealed class TransformerEncoderLayer : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor?, TorchSharp.torch.Tensor>
    {
        public TransformerEncoderLayer(int hidden, int heads, int feedForward, double dropout) { }
        public int Heads { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor? attentionMask) { }
    }
}
namespace DataMux.Batching
{
    public static class BatchedInference
    {
        public static TorchSharp.torch.Tensor Predict(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, TorchSharp.torch.Tensor tokens, int rowsPerBatch) { }
        public static TorchSharp.torch.Tensor PredictInGroups<TModel>(this TModel model, TorchSharp.torch.Tensor tokens, int groupsPerBatch = 16)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
    }
    public sealed class MultiplexedBatch
    {
        public int FillerRows { get; }
        public int Groups { get; }
        public int N { get; }
        public int Rows { get; }
        public TorchSharp.torch.Tensor Tokens { get; }
        public TorchSharp.torch.Tensor? InstancePaddingMask(TorchSharp.torch.Tensor prefixed) { }
        public TorchSharp.torch.Tensor? PaddingMask(TorchSharp.torch.Tensor prefixed) { }
        public TorchSharp.torch.Tensor Ungroup(TorchSharp.torch.Tensor outputs) { }
        public static DataMux.Batching.MultiplexedBatch Group(TorchSharp.torch.Tensor tokens, int n, long paddingToken) { }
    }
}
namespace DataMux.Demultiplexers
{
    public abstract class Demultiplexer : TorchSharp.torch.nn.Module
    {
        protected Demultiplexer(string name, DataMux.TokenLayout layout, int hidden) { }
        public int Hidden { get; }
        public DataMux.TokenLayout Layout { get; }
        public int N { get; }
        public abstract int PrefixLength { get; }
        public abstract TorchSharp.torch.Tensor AddPrefix(TorchSharp.torch.Tensor tokens);
        protected TorchSharp.torch.Tensor PrependCls(TorchSharp.torch.Tensor tokens, TorchSharp.torch.Tensor cls) { }
        protected void RefuseShortcut(TorchSharp.torch.Tensor? shortcut) { }
        public abstract TorchSharp.torch.Tensor Sequence(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null);
        public abstract TorchSharp.torch.Tensor Tokens(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null);
    }
    public sealed class IndexEmbeddingDemultiplexer : DataMux.Demultiplexers.Demultiplexer
    {
        public IndexEmbeddingDemultiplexer(DataMux.TokenLayout layout, int hidden) { }
        public override int PrefixLength { get; }
        public override TorchSharp.torch.Tensor AddPrefix(TorchSharp.torch.Tensor tokens) { }
        public TorchSharp.torch.Tensor Pairs(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor pairs) { }
        public override TorchSharp.torch.Tensor Sequence(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
        public override TorchSharp.torch.Tensor Tokens(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
    }
    public sealed class InputShortcut : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public InputShortcut(DataMux.TokenLayout layout, int hidden, bool pooled) { }
        public bool Pooled { get; }
        public int Rows { get; }
        public TorchSharp.torch.Tensor Table { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor tokens) { }
    }
    public sealed class LearnedKeysDemultiplexer : DataMux.Demultiplexers.Demultiplexer
    {
        public LearnedKeysDemultiplexer(DataMux.TokenLayout layout, int hidden) { }
        public TorchSharp.Modules.Parameter Keys { get; }
        public override int PrefixLength { get; }
        public override TorchSharp.torch.Tensor AddPrefix(TorchSharp.torch.Tensor tokens) { }
        public TorchSharp.torch.Tensor Pairs(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor pairs) { }
        public override TorchSharp.torch.Tensor Sequence(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
        public override TorchSharp.torch.Tensor Tokens(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
    }
    public sealed class LearnedKeysImageDemultiplexer : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public LearnedKeysImageDemultiplexer(int n, int hidden) { }
        public int Hidden { get; }
        public TorchSharp.Modules.Parameter Keys { get; }
        public int N { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor hidden) { }
    }
    public sealed class MlpDemultiplexer : DataMux.Demultiplexers.Demultiplexer
    {
        public MlpDemultiplexer(DataMux.TokenLayout layout, int hidden) { }
        public override int PrefixLength { get; }
        public override TorchSharp.torch.Tensor AddPrefix(TorchSharp.torch.Tensor tokens) { }
        public override TorchSharp.torch.Tensor Sequence(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
        public override TorchSharp.torch.Tensor Tokens(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
    }
    public sealed class PerIndexDemultiplexer : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public PerIndexDemultiplexer(int n, int hidden) { }
        public int Hidden { get; }
        public int N { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor hidden) { }
    }
    public sealed class PlainDemultiplexer : DataMux.Demultiplexers.Demultiplexer
    {
        public PlainDemultiplexer(DataMux.TokenLayout layout, int hidden) { }
        public override int PrefixLength { get; }
        public override TorchSharp.torch.Tensor AddPrefix(TorchSharp.torch.Tensor tokens) { }
        public override TorchSharp.torch.Tensor Sequence(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
        public override TorchSharp.torch.Tensor Tokens(TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor? shortcut = null) { }
    }
}
namespace DataMux.Heads
{
    public sealed class ImageClassificationHead : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public ImageClassificationHead(int hidden, int classes) { }
        public TorchSharp.torch.Device Device { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor representations) { }
    }
    public sealed class SequenceClassificationHead : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public SequenceClassificationHead(int hidden, int classes) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor representations) { }
    }
    public sealed class TokenClassificationHead : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public TokenClassificationHead(int hidden, int labels) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor representations) { }
    }
}
namespace DataMux.Images
{
    public interface IMultiplexedImageModel
    {
        DataMux.Images.ImageModelConfiguration Configuration { get; }
        TorchSharp.torch.Tensor Decode(TorchSharp.torch.Tensor hidden);
        TorchSharp.torch.Tensor Encode(DataMux.Images.ImageBatch batch);
        TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor images);
    }
    public enum ImageBackbone
    {
        Mlp = 0,
        Cnn = 1,
    }
    public sealed class ImageBatch
    {
        public int FillerRows { get; }
        public int Groups { get; }
        public TorchSharp.torch.Tensor Images { get; }
        public int N { get; }
        public int Rows { get; }
        public TorchSharp.torch.Tensor Ungroup(TorchSharp.torch.Tensor outputs) { }
        public static DataMux.Images.ImageBatch Group(TorchSharp.torch.Tensor images, int n) { }
    }
    public static class ImageChecks
    {
        public static void Validate(TorchSharp.torch.Tensor images, string modelName, System.ReadOnlySpan<long> inputShape, TorchSharp.torch.Device? device = null) { }
    }
    public static class ImageMixing
    {
        public static TorchSharp.torch.Tensor Mix(DataMux.Multiplexers.Multiplexer mux, TorchSharp.torch.Tensor rows) { }
    }
    public sealed class ImageModelConfiguration : System.IEquatable<DataMux.Images.ImageModelConfiguration>
    {
        public ImageModelConfiguration(
                    string ModelName,
                    int N,
                    DataMux.Mux Mux,
                    DataMux.Demux Demux,
                    int Seed,
                    DataMux.Images.ImageBackbone Backbone,
                    int Channels,
                    int Height,
                    int Width,
                    int Inputs,
                    int Hidden,
                    int Layers,
                    int Filters,
                    int Classes,
                    double MuxNorm = 1,
                    bool LearnMux = false,
                    double Dropout = 0) { }
        public DataMux.Images.ImageBackbone Backbone { get; init; }
        public int Channels { get; init; }
        public int Classes { get; init; }
        public DataMux.Demux Demux { get; init; }
        public double Dropout { get; init; }
        public int Filters { get; init; }
        public int Height { get; init; }
        public int Hidden { get; init; }
        public long[] InputShape { get; }
        public string InputShapeText { get; }
        public int Inputs { get; init; }
        public int Layers { get; init; }
        public bool LearnMux { get; init; }
        public string ModelName { get; init; }
        public DataMux.Mux Mux { get; init; }
        public double MuxNorm { get; init; }
        public int N { get; init; }
        public int Seed { get; init; }
        public int Width { get; init; }
    }
    public static class ImageTrainer
    {
        public static double Evaluate<TModel>(TModel model, TorchSharp.torch.Tensor images, TorchSharp.torch.Tensor labels, int groupsPerBatch = 64)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.Images.IMultiplexedImageModel { }
        public static TorchSharp.torch.Tensor Predict<TModel>(TModel model, TorchSharp.torch.Tensor images, int groupsPerBatch = 64)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.Images.IMultiplexedImageModel { }
        public static DataMux.Training.TrainingSummary Train<TModel>(TModel model, TorchSharp.torch.Tensor images, TorchSharp.torch.Tensor labels, DataMux.Training.TrainingOptions options, DataMux.Images.ImageValidationRows? validation = null, System.IProgress<DataMux.Training.TrainingProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.Images.IMultiplexedImageModel { }
    }
    public sealed class ImageValidationRows : System.IEquatable<DataMux.Images.ImageValidationRows>
    {
        public ImageValidationRows(TorchSharp.torch.Tensor Images, TorchSharp.torch.Tensor Labels) { }
        public TorchSharp.torch.Tensor Images { get; init; }
        public TorchSharp.torch.Tensor Labels { get; init; }
    }
}
namespace DataMux.Multiplexers
{
    public sealed class BinaryHadamardMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public BinaryHadamardMultiplexer(int n, int hidden, int seed, bool trainable = false) { }
        public TorchSharp.torch.Tensor Masks { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public sealed class ContextualMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public ContextualMultiplexer(int n, int hidden, int heads, int feedForward, double dropout, int seed, double normConstant = 1, bool trainable = false) { }
        public TorchSharp.torch.Tensor Vectors { get; }
        public TorchSharp.torch.Tensor Mix(TorchSharp.torch.Tensor embedded, TorchSharp.torch.Tensor? instancePadding) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public sealed class ConvolutionMultiplexer : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public ConvolutionMultiplexer(int n, int channels, int seed, bool trainable = false) { }
        public int Channels { get; }
        public TorchSharp.torch.Tensor Kernels { get; }
        public int N { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor images) { }
    }
    public sealed class GaussianHadamardMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public GaussianHadamardMultiplexer(int n, int hidden, int seed, double normConstant = 1, bool trainable = false) { }
        public double NormConstant { get; }
        public TorchSharp.torch.Tensor Vectors { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public sealed class IdentityMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public IdentityMultiplexer(int n, int hidden, int seed) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public sealed class LearnedMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public LearnedMultiplexer(int n, int hidden, int seed) { }
        public TorchSharp.Modules.Parameter Bias { get; }
        public TorchSharp.Modules.Parameter Weight { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public sealed class LocalContext : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public LocalContext(int hidden, int window) { }
        public int Hidden { get; }
        public int Window { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public abstract class Multiplexer : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        protected Multiplexer(string name, int n, int hidden) { }
        public int Hidden { get; }
        public int N { get; }
        protected TorchSharp.torch.Tensor MeanOfElementwiseProducts(TorchSharp.torch.Tensor embedded, TorchSharp.torch.Tensor perIndex) { }
        protected TorchSharp.torch.Tensor ViewGroups(TorchSharp.torch.Tensor embedded, TorchSharp.torch.Tensor? transform = null) { }
    }
    public sealed class OrthogonalMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public OrthogonalMultiplexer(int n, int hidden, int seed, bool trainable = false) { }
        public TorchSharp.torch.Tensor Transforms { get; }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
    public sealed class PlainMultiplexer : DataMux.Multiplexers.Multiplexer
    {
        public PlainMultiplexer(int n, int hidden) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor embedded) { }
    }
}
namespace DataMux.Text
{
    public sealed class EncodingReport : System.IEquatable<DataMux.Text.EncodingReport>
    {
        public EncodingReport(int Rows, int TruncatedRows, long DroppedTokens, long UnknownTokens, long KeptTokens) { }
        public long DroppedTokens { get; init; }
        public long KeptTokens { get; init; }
        public int Rows { get; init; }
        public int TruncatedRows { get; init; }
        public long UnknownTokens { get; init; }
        public string Describe(int maxLength) { }
    }
    public sealed class TokenEncoder
    {
        public const long PaddingId = 0;
        public const long UnknownId = 1;
        public int KnownTokens { get; }
        public int MaxLength { get; }
        public int Vocabulary { get; }
        public TorchSharp.torch.Tensor Encode(System.Collections.Generic.IReadOnlyList<string> texts) { }
        public long[] EncodeIds(string text) { }
        [return: System.Runtime.CompilerServices.TupleElementNames(new string[] {
                "Tokens",
                "Labels",
                "Report"})]
        public System.ValueTuple<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, DataMux.Text.EncodingReport> EncodeLabelledWords(System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<string>> sentences, System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<long>> labels, long ignoredLabel = -100) { }
        [return: System.Runtime.CompilerServices.TupleElementNames(new string[] {
                "Tokens",
                "Report"})]
        public System.ValueTuple<TorchSharp.torch.Tensor, DataMux.Text.EncodingReport> EncodeReported(System.Collections.Generic.IReadOnlyList<string> texts) { }
        public void EnsureFits(DataMux.ModelConfiguration configuration) { }
        public void Save(string path) { }
        public static DataMux.Text.TokenEncoder Fit(Microsoft.ML.Tokenizers.Tokenizer tokenizer, System.Collections.Generic.IEnumerable<string> trainingTexts, DataMux.ModelConfiguration configuration) { }
        public static DataMux.Text.TokenEncoder Fit(Microsoft.ML.Tokenizers.Tokenizer tokenizer, System.Collections.Generic.IEnumerable<string> trainingTexts, int vocabulary, int maxLength) { }
        public static DataMux.Text.TokenEncoder Load(Microsoft.ML.Tokenizers.Tokenizer tokenizer, string path) { }
    }
    public sealed class WordVocabulary
    {
        public const long PaddingId = 0;
        public const long UnknownId = 1;
        public bool LowerCase { get; }
        public int MaxLength { get; }
        public int Vocabulary { get; }
        public System.Collections.Generic.IReadOnlyList<string> Words { get; }
        [return: System.Runtime.CompilerServices.TupleElementNames(new string[] {
                "Tokens",
                "Report"})]
        public System.ValueTuple<TorchSharp.torch.Tensor, DataMux.Text.EncodingReport> Encode(System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<string>> sentences) { }
        [return: System.Runtime.CompilerServices.TupleElementNames(new string[] {
                "Tokens",
                "Labels",
                "Report"})]
        public System.ValueTuple<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, DataMux.Text.EncodingReport> EncodeLabelled(System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<string>> sentences, System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<long>> labels, long ignoredLabel = -100) { }
        public long Id(string word) { }
        public static DataMux.Text.WordVocabulary Fit(System.Collections.Generic.IEnumerable<System.Collections.Generic.IReadOnlyList<string>> sentences, int words, int maxLength, bool lowerCase = true) { }
    }
}
namespace DataMux.Training
{
    public sealed class AdamWOptimizer : System.IDisposable
    {
        public AdamWOptimizer(System.Collections.Generic.IEnumerable<TorchSharp.Modules.Parameter> parameters, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1E-08) { }
        public void Dispose() { }
        public void Step(double learningRate) { }
        public void ZeroGrad() { }
    }
    public sealed class Evaluation : System.IEquatable<DataMux.Training.Evaluation>
    {
        public Evaluation(int Step, double Accuracy, bool IsBest) { }
        public double Accuracy { get; init; }
        public bool IsBest { get; init; }
        public int Step { get; init; }
    }
    public static class ModelCheckpoints
    {
        public static void LoadCheckpoint<TModel>(this TModel model, string path)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
        public static void SaveCheckpoint<TModel>(this TModel model, string path)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
    }
    public static class MultiplexedTrainer
    {
        public const long IgnoreLabel = -100;
        public static double Evaluate<TModel>(TModel model, TorchSharp.torch.Tensor tokens, TorchSharp.torch.Tensor labels, int groupsPerBatch = 16)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
        public static DataMux.Training.TrainingSummary Train<TModel>(TModel model, TorchSharp.torch.Tensor tokens, TorchSharp.torch.Tensor labels, DataMux.Training.TrainingOptions options, DataMux.Training.ValidationRows? validation = null, DataMux.Training.RetrievalHead? retrieval = null, System.IProgress<DataMux.Training.TrainingProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
        public static DataMux.Training.TrainingSummary WarmUp<TModel>(TModel model, DataMux.Training.RetrievalHead head, TorchSharp.torch.Tensor tokens, DataMux.Training.TrainingOptions options, System.IProgress<DataMux.Training.TrainingProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
    }
    public static class PlainStart
    {
        public static void CopyInto(DataMux.IMultiplexedModel plain, DataMux.IMultiplexedModel multiplexed) { }
    }
    public sealed class RetrievalHead : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
    {
        public RetrievalHead(DataMux.ModelConfiguration configuration) { }
        public DataMux.ModelConfiguration Configuration { get; }
        [return: System.Runtime.CompilerServices.TupleElementNames(new string[] {
                "Pairs",
                "Targets"})]
        public System.ValueTuple<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> DrawTargets(DataMux.Batching.MultiplexedBatch batch, TorchSharp.torch.Generator generator, double fraction = 1) { }
        public TorchSharp.torch.Tensor Logits(DataMux.IMultiplexedModel model, TorchSharp.torch.Tensor hidden, TorchSharp.torch.Tensor pairs) { }
        public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor features) { }
    }
    public static class RetrievalWarmup
    {
        public const int FormatVersion = 1;
        public static DataMux.Training.WarmupResult LoadOrRun<TModel>(TModel model, TorchSharp.torch.Tensor tokens, DataMux.Training.TrainingOptions options, string cacheFolder, System.IProgress<DataMux.Training.TrainingProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default)
            where TModel : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>, DataMux.IMultiplexedModel { }
    }
    public sealed class TrainingDivergedException : System.Exception
    {
        public TrainingDivergedException(DataMux.Training.TrainingPhase phase, int step, double loss, double learningRate) { }
        public double Loss { get; }
        public DataMux.Training.TrainingPhase Phase { get; }
        public int Step { get; }
    }
    public sealed class TrainingOptions : System.IEquatable<DataMux.Training.TrainingOptions>
    {
        public TrainingOptions() { }
        public int BatchGroups { get; init; }
        public int CheckpointEvery { get; init; }
        public string? CheckpointFolder { get; init; }
        public double CurriculumFraction { get; init; }
        public int Epochs { get; init; }
        public int EvaluateEvery { get; init; }
        public bool KeepBest { get; init; }
        public double LabelSmoothing { get; init; }
        public double LearningRate { get; init; }
        public bool LinearDecay { get; init; }
        public double RetrievalFraction { get; init; }
        public double RetrievalWeight { get; init; }
        public int Seed { get; init; }
        public int? Steps { get; init; }
        public double WarmupFraction { get; init; }
        public double WarmupMasking { get; init; }
        public double WeightDecay { get; init; }
        public double Schedule(int step, int totalSteps) { }
        public void Validate() { }
    }
    public enum TrainingPhase
    {
        Warmup = 0,
        Task = 1,
    }
    public sealed class TrainingProgress : System.IEquatable<DataMux.Training.TrainingProgress>
    {
        public TrainingProgress(DataMux.Training.TrainingPhase Phase, int Step, int TotalSteps, double Loss, double? TaskLoss, double? RetrievalLoss, double? RetrievalAccuracy, double LearningRate, double InstancesPerSecond, System.TimeSpan Elapsed, DataMux.Training.Evaluation? Validation) { }
        public System.TimeSpan Elapsed { get; init; }
        public double InstancesPerSecond { get; init; }
        public double LearningRate { get; init; }
        public double Loss { get; init; }
        public DataMux.Training.TrainingPhase Phase { get; init; }
        public double? RetrievalAccuracy { get; init; }
        public double? RetrievalLoss { get; init; }
        public int Step { get; init; }
        public double? TaskLoss { get; init; }
        public int TotalSteps { get; init; }
        public DataMux.Training.Evaluation? Validation { get; init; }
    }
    public sealed class TrainingSummary : System.IEquatable<DataMux.Training.TrainingSummary>
    {
        public TrainingSummary(int Steps, System.Collections.Generic.IReadOnlyList<double> EpochLosses, System.Collections.Generic.IReadOnlyList<DataMux.Training.Evaluation> Evaluations, DataMux.Training.Evaluation? Best, bool KeptBest, int ResumedFromStep, long RowsWithoutLabels, double InstancesPerSecond, double? RetrievalAccuracy) { }
        public DataMux.Training.Evaluation? Best { get; init; }
        public System.Collections.Generic.IReadOnlyList<double> EpochLosses { get; init; }
        public System.Collections.Generic.IReadOnlyList<DataMux.Training.Evaluation> Evaluations { get; init; }
        public double InstancesPerSecond { get; init; }
        public bool KeptBest { get; init; }
        public int ResumedFromStep { get; init; }
        public double? RetrievalAccuracy { get; init; }
        public long RowsWithoutLabels { get; init; }
        public int Steps { get; init; }
    }
    public sealed class ValidationRows : System.IEquatable<DataMux.Training.ValidationRows>
    {
        public ValidationRows(TorchSharp.torch.Tensor Tokens, TorchSharp.torch.Tensor Labels) { }
        public TorchSharp.torch.Tensor Labels { get; init; }
        public TorchSharp.torch.Tensor Tokens { get; init; }
    }
    public sealed class WarmupResult : System.IEquatable<DataMux.Training.WarmupResult>
    {
        public WarmupResult(DataMux.Training.RetrievalHead Head, DataMux.Training.TrainingSummary? Summary, string CachePath, string? Note, double? RetrievalAccuracy) { }
        public string CachePath { get; init; }
        public bool FromCache { get; }
        public DataMux.Training.RetrievalHead Head { get; init; }
        public string? Note { get; init; }
        public double? RetrievalAccuracy { get; init; }
        public DataMux.Training.TrainingSummary? Summary { get; init; }
    }
}
namespace DataMux.Validation
{
    public static class TokenChecks
    {
        public static void Validate(TorchSharp.torch.Tensor tokens, string modelName, int maxLength, int vocabulary, TorchSharp.torch.Device? device = null) { }
    }
}