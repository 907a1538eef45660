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
}
