/** Which secret an operation is about, for messages and error context: never its content. */
export class SecretLocation {
  constructor(
    readonly secretId: string,
    readonly region: string | undefined,
    readonly profile: string,
    readonly source: string,
  ) {}

  /** `AWS Secrets Manager secret "prod/x-bot" (us-east-1, profile "bot2")` */
  describe(): string {
    const details = [this.region ?? "region unknown"];
    if (this.profile !== "default") details.push(`profile "${this.profile}"`);
    return `AWS Secrets Manager secret "${this.secretId}" (${details.join(", ")})`;
  }

  context(): { source: string; profile: string } {
    return { source: this.source, profile: this.profile };
  }
}
