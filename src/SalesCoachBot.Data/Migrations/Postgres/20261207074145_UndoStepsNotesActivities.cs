using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesCoachBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UndoStepsNotesActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_due_at",
                table: "next_step_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_text",
                table: "next_step_events",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "next_step_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "withdrawn_by_person_id",
                table: "next_step_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "deal_notes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "withdrawn_by_person_id",
                table: "deal_notes",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "deal_activities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "withdrawn_by_person_id",
                table: "deal_activities",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_next_step_events_withdrawn_by_person_id",
                table: "next_step_events",
                column: "withdrawn_by_person_id");

            migrationBuilder.CreateIndex(
                name: "IX_deal_notes_withdrawn_by_person_id",
                table: "deal_notes",
                column: "withdrawn_by_person_id");

            migrationBuilder.CreateIndex(
                name: "IX_deal_activities_withdrawn_by_person_id",
                table: "deal_activities",
                column: "withdrawn_by_person_id");

            migrationBuilder.AddForeignKey(
                name: "FK_deal_activities_people_withdrawn_by_person_id",
                table: "deal_activities",
                column: "withdrawn_by_person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_deal_notes_people_withdrawn_by_person_id",
                table: "deal_notes",
                column: "withdrawn_by_person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_next_step_events_people_withdrawn_by_person_id",
                table: "next_step_events",
                column: "withdrawn_by_person_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_deal_activities_people_withdrawn_by_person_id",
                table: "deal_activities");

            migrationBuilder.DropForeignKey(
                name: "FK_deal_notes_people_withdrawn_by_person_id",
                table: "deal_notes");

            migrationBuilder.DropForeignKey(
                name: "FK_next_step_events_people_withdrawn_by_person_id",
                table: "next_step_events");

            migrationBuilder.DropIndex(
                name: "IX_next_step_events_withdrawn_by_person_id",
                table: "next_step_events");

            migrationBuilder.DropIndex(
                name: "IX_deal_notes_withdrawn_by_person_id",
                table: "deal_notes");

            migrationBuilder.DropIndex(
                name: "IX_deal_activities_withdrawn_by_person_id",
                table: "deal_activities");

            migrationBuilder.DropColumn(
                name: "previous_due_at",
                table: "next_step_events");

            migrationBuilder.DropColumn(
                name: "previous_text",
                table: "next_step_events");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "next_step_events");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_person_id",
                table: "next_step_events");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "deal_notes");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_person_id",
                table: "deal_notes");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "deal_activities");

            migrationBuilder.DropColumn(
                name: "withdrawn_by_person_id",
                table: "deal_activities");
        }
    }
}
