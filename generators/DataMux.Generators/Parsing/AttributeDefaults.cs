namespace DataMux.Generators.Parsing;

/// <summary>
/// The runtime attributes' property defaults: a named argument that is not written takes these values.
/// They must match src/DataMux/Attributes (a test compares them with the real attribute instances).
/// </summary>
internal static class AttributeDefaults
{
    public const int N = 1;
    public const string Mux = "GaussianHadamard";
    public const string Demux = "IndexEmbedding";
    public const int Seed = 1234;
    public const double MuxNorm = 1.0;
    public const bool LearnMux = false;
    public const bool Reembed = true;
    public const bool InputShortcut = false;
    public const int ContextWindow = 0;
    public const int Layers = 2;
    public const int Hidden = 128;
    public const int Heads = 4;
    public const int FeedForward = 0;
    public const int MaxLength = 128;
    public const int Vocabulary = 30522;
    public const int PaddingToken = 0;
    public const double Dropout = 0.1;
    public const int Classes = 2;
    public const int Labels = 2;

    // [Mlp], [Cnn] and [ImageClassification]; Inputs, Height and Width have no sensible default (0 is DMX0009).
    public const int MlpInputs = 0;
    public const int MlpHidden = 256;
    public const int MlpLayers = 2;
    public const double MlpDropout = 0;
    public const int CnnChannels = 1;
    public const int CnnHeight = 0;
    public const int CnnWidth = 0;
    public const int CnnLayers = 2;
    public const int CnnFilters = 32;
    public const int CnnHidden = 128;

    /// <summary>The Demux an image backbone takes when Demux is not written: IndexEmbedding needs tokens.</summary>
    public const string ImageDemux = "Mlp";

    /// <summary>The Mux a [Cnn] takes when Mux is not written: the DataMUX vision code's.</summary>
    public const string CnnMux = "Convolution";
}
