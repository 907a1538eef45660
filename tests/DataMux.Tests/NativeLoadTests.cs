using TorchSharp;
using Xunit;

namespace DataMux.Tests;

public class NativeLoadTests
{
    [Fact]
    public void Libtorch_loads_and_computes()
    {
        using var x = torch.ones(2, 3);
        Assert.Equal(6f, x.sum().item<float>());
    }
}
