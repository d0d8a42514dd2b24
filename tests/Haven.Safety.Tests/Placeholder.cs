namespace Haven.Safety.Tests;
