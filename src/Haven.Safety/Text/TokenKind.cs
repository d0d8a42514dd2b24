namespace Haven.Safety.Text;

public enum TokenKind : byte
{
    Word,
    Number,
}
