namespace DataMux.Cpu
{
    public static class AllocatorTuning
    {
        public static bool TryKeepLargeBuffers() { }
    }
    public sealed class CpuEngine : System.IDisposable
    {
        public DataMux.IMultiplexedModel Model { get; }
        public DataMux.Cpu.CpuEngineOptions Options { get; }
        public long Packings { get; }
        public DataMux.Cpu.CpuEngineReport Report { get; }
        public TorchSharp.torch.Tensor Decode(TorchSharp.torch.Tensor hidden, DataMux.Batching.MultiplexedBatch batch) { }
        public void Dispose() { }
        public TorchSharp.torch.Tensor EmbedAndMix(TorchSharp.torch.Tensor prefixed, DataMux.Batching.MultiplexedBatch batch) { }
        public TorchSharp.torch.Tensor Encode(TorchSharp.torch.Tensor mixed, TorchSharp.torch.Tensor? paddingMask) { }
        protected override void Finalize() { }
        public void Repack() { }
        public TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor tokens) { }
        public static DataMux.Cpu.CpuEngine Compile(DataMux.IMultiplexedModel model, DataMux.Cpu.CpuEngineOptions? options = null) { }
    }
    public sealed class CpuEngineOptions : System.IEquatable<DataMux.Cpu.CpuEngineOptions>
    {
        public CpuEngineOptions() { }
        public bool CpuAttention { get; init; }
        public bool EncoderTeam { get; init; }
        public bool FusedEmbeddingMix { get; init; }
        public bool FusedTokenDemux { get; init; }
        public bool PackedWeights { get; init; }
        public bool PairSplit { get; init; }
        public static DataMux.Cpu.CpuEngineOptions Default { get; }
    }
    public sealed class CpuEngineReport : System.IEquatable<DataMux.Cpu.CpuEngineReport>
    {
        public CpuEngineReport(string Model, System.Collections.Generic.IReadOnlyList<DataMux.Cpu.CpuEngineStage> Stages) { }
        public bool AnyFused { get; }
        public DataMux.Cpu.CpuEngineStage this[string name] { get; }
        public string Model { get; init; }
        public System.Collections.Generic.IReadOnlyList<DataMux.Cpu.CpuEngineStage> Stages { get; init; }
        public override string ToString() { }
    }
    public sealed class CpuEngineStage : System.IEquatable<DataMux.Cpu.CpuEngineStage>
    {
        public CpuEngineStage(string Name, bool Fused, string Detail) { }
        public string Detail { get; init; }
        public bool Fused { get; init; }
        public string Name { get; init; }
        public override string ToString() { }
    }
    public static class CpuTuning
    {
        public static DataMux.Cpu.CpuTuningReport Enable() { }
    }
    public sealed class CpuTuningReport : System.IEquatable<DataMux.Cpu.CpuTuningReport>
    {
        public CpuTuningReport(string MklDispatch, bool DenormalFlush, bool LargeBufferReuse) { }
        public bool DenormalFlush { get; init; }
        public bool LargeBufferReuse { get; init; }
        public string MklDispatch { get; init; }
        public override string ToString() { }
    }
    public static class DenormalFlush
    {
        public static bool TryEnable() { }
    }
    public static class MklCpuDispatch
    {
        public static string ModelName { get; }
        public static string Vendor { get; }
        public static string TryEnable() { }
    }
}