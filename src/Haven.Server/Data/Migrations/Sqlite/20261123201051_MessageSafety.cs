using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Haven.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageSafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Delivery",
                table: "Messages",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Delivered");

            migrationBuilder.AddColumn<string>(
                name: "Tips",
                table: "Messages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConversationRiskStates",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationRiskStates", x => x.ConversationId);
                    table.ForeignKey(
                        name: "FK_ConversationRiskStates_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationRiskStates");

            migrationBuilder.DropColumn(
                name: "Delivery",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Tips",
                table: "Messages");
        }
    }
}
