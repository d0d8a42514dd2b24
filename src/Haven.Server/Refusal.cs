namespace Haven.Server;

/// <summary>
/// Why a member's action was not carried out: an HTTP status for the API, a stable code the UI
/// translates, and an English message for API clients.
/// </summary>
public sealed record Refusal(int Status, string Code, string Message)
{
    public static Refusal NotFound(string message = "Not found.") => new(StatusCodes.Status404NotFound, "NotFound", message);

    public IResult ToResult() => TypedResults.Problem(Message, statusCode: Status, title: Code,
        extensions: new Dictionary<string, object?> { ["code"] = Code });
}

/// <summary>A value or the reason there is none.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
