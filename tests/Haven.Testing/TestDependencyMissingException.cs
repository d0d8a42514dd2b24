namespace Haven.Testing;

/// <summary>Thrown when a program the tests need (PostgreSQL, Redis, Chromium) is not installed.</summary>
public sealed class TestDependencyMissingException : Exception
{
    public TestDependencyMissingException()
    {
    }

    public TestDependencyMissingException(string message)
        : base(message)
    {
    }

    public TestDependencyMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
