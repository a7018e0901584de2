import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal, Public, Role, Roles } from '@app/core';
import { AuditProofs, AuditReader, AuditTrust, AuditVerifier, TreeHeadService } from '@app/audit';
import { AuditEventPageDto, AuditEventsQueryDto, AuditVerificationDto } from './audit.dto';
import {
  AuditKeysDto,
  CheckpointDto,
  ConsistencyProofDto,
  ConsistencyProofQueryDto,
  InclusionProofDto,
  InclusionProofQueryDto,
  TreeHeadDto,
  TreeHeadFormatQueryDto,
  TreeHeadPageDto,
  TreeHeadsQueryDto,
} from './tree-heads.dto';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly reader: AuditReader,
    private readonly verifier: AuditVerifier,
    private readonly treeHeads: TreeHeadService,
    private readonly proofs: AuditProofs,
    private readonly trust: AuditTrust,
  ) {}

  /**
   * Audit records, oldest first: who did what, when, in which role and scope. A learner sees
   * only their own; each record's `leafHash` is what `GET /v1/audit/proofs/inclusion` proves.
   */
  @ApiBearerAuth()
  @Roles(Role.ADMIN, Role.LEARNER)
  @Get('events')
  events(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditEventsQueryDto,
  ): Promise<AuditEventPageDto> {
    return this.reader.page(principal, query) as Promise<AuditEventPageDto>;
  }

  /**
   * Recomputes the whole chain and Merkle tree, checks every stored tree head (and the pinned
   * AUDIT_TRUSTED_HEAD) and that every ledger entry has its audit record. `valid: false`
   * names the first bad sequence number.
   */
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @Get('verify')
  verify(): Promise<AuditVerificationDto> {
    return this.verifier.verify();
  }

  /**
   * The latest signed tree head with the public key that signed it (the route of the earlier
   * signed checkpoints). Check it with any Ed25519 library: verify(`signature`, UTF-8 bytes of
   * `payload`, `publicKeyBase64`), then read treeSize and rootHash from `payload`.
   */
  @Public()
  @Get('checkpoints/latest')
  latestCheckpoint(): Promise<CheckpointDto> {
    return this.treeHeads.latestCheckpoint();
  }

  /**
   * The latest signed tree head (the largest tree). `?format=note` answers the C2SP
   * tlog-checkpoint signed note as `text/plain`, for witnesses and note tools.
   */
  @Public()
  @Get('tree-heads/latest')
  @ApiProduces('application/json', 'text/plain')
  @ApiExtraModels(TreeHeadDto)
  @ApiOkResponse({
    description: 'The head as JSON, or as a signed note with `?format=note`.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(TreeHeadDto) } },
      'text/plain': {
        schema: { type: 'string' },
        example:
          'credit-bank-ledger/audit\n2\nnaDo6oztbYEII2dOHmjzp3FQqvHzt0tTX5gVJzdJsFA=\n\n— credit-bank-ledger/audit E70uXKKQd2ZossJZRPbrnguXpT11VwB4GHn76u3i1DcBvVkRYfawRmiNBlkcjfanSWOGGubm21Mvc6v+LdsYSLokgQE=\n',
      },
    },
  })
  async latestTreeHead(
    @Query() query: TreeHeadFormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TreeHeadDto | string> {
    const head = await this.treeHeads.latest();
    if (query.format !== 'note') return head;
    void reply.type('text/plain; charset=utf-8');
    return head.note;
  }

  /** Every signed tree head, largest tree first, cursor-paged. */
  @Public()
  @Get('tree-heads')
  treeHeadPage(@Query() query: TreeHeadsQueryDto): Promise<TreeHeadPageDto> {
    return this.treeHeads.page(query);
  }

  /** Signs a tree head of the log as it stands now (after verifying the records since the last head). */
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @Post('tree-heads')
  @HttpCode(201)
  async signTreeHead(): Promise<TreeHeadDto> {
    const { head } = await this.treeHeads.sign({ onlyIfTreeGrew: false });
    return head as TreeHeadDto;
  }

  /**
   * RFC 9162 inclusion proof of record `seq` in the tree of `treeSize` records (a signed
   * head's size). Verify it against that head's rootHash; hashes are lowercase hex.
   */
  @Public()
  @Get('proofs/inclusion')
  inclusionProof(@Query() query: InclusionProofQueryDto): Promise<InclusionProofDto> {
    return this.proofs.inclusion(Number(query.seq), Number(query.treeSize));
  }

  /**
   * RFC 9162 consistency proof that the tree of `second` records extends the tree of `first`
   * (two signed heads' sizes). Hashes are lowercase hex.
   */
  @Public()
  @Get('proofs/consistency')
  consistencyProof(@Query() query: ConsistencyProofQueryDto): Promise<ConsistencyProofDto> {
    return this.proofs.consistency(Number(query.first), Number(query.second));
  }

  /** The public keys heads are signed with, from configuration only: the current key and the retired ones. */
  @Public()
  @Get('keys')
  keys(): AuditKeysDto {
    const items = this.trust.keys.map((key) => ({
      fingerprint: key.fingerprint,
      status: key.status,
      algorithm: 'Ed25519' as const,
      publicKeyBase64: key.publicKeyBase64,
      publicKeyPem: key.publicKeyPem,
      noteVerifierKey: key.noteVerifierKey,
    }));
    return { origin: this.trust.origin, items, total: items.length };
  }
}
