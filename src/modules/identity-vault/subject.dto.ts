import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { Trimmed } from '../../common/http/text';
import { ConsentDto } from '../disclosures/disclosure.dto';
import { LEGAL_AUTHORITY_CODES } from '../taxonomy/taxonomy.constants';
import { MAX_PERSONS, Subject, SUBJECT_KINDS, SUBJECT_ROLES, type SubjectKind } from './subject';

const PHONE = /^[0-9+().\s-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A field that belongs to one kind of subject only: sent with another kind, it is a 400 naming it. */
function OnlyWithKind(kind: SubjectKind) {
  return ValidateBy({
    name: 'onlyWithKind',
    constraints: [kind],
    validator: {
      validate: (value: unknown, args) => value === undefined || (args?.object as { kind?: unknown }).kind === kind,
      defaultMessage: (args) => `${args?.property ?? 'field'} only with kind ${kind}`,
    },
  });
}

/** What every identity write discloses under (issue 17): the legal authority, and the consent when it requires one. */
export class DisclosureBasisDto {
  @ApiProperty({
    enum: LEGAL_AUTHORITY_CODES,
    description: 'GET /taxonomy legalAuthorities: in force (not retired) and open to the writer agency sector, else 422 LEGAL_AUTHORITY_REFUSED',
  })
  @IsIn(LEGAL_AUTHORITY_CODES)
  legalAuthority: string;

  @ApiPropertyOptional({ type: ConsentDto, description: 'required when the authority requires consent (CONSENT): who obtained it, when, its scope' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

/** Validated when the subject is of `kind`, or when the field is sent anyway (then refused by OnlyWithKind). */
const ForKind = (kind: SubjectKind, field: string) => ValidateIf((o: Record<string, unknown>) => o.kind === kind || o[field] !== undefined);

export class SubjectPersonDto {
  @ApiProperty({ enum: SUBJECT_ROLES, description: "the person's role in the situation (GET /taxonomy labels.subjectRoles); exactly one PRIMARY" })
  @IsIn(SUBJECT_ROLES)
  role: (typeof SUBJECT_ROLES)[number];
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) givenName: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 100) familyName: string;
  @ApiPropertyOptional({ format: 'date', example: '1990-01-31' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @Trimmed() @IsString() @Length(1, 300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 40) @Matches(PHONE) phone?: string;
}

/** A group's contact person: a person's names and phone, with the same rules. */
export class SubjectContactDto extends PickType(SubjectPersonDto, ['givenName', 'familyName', 'phone'] as const) {}

/**
 * `PUT /situations/:id/subject`: what Filter 3 needs for the situation type. PERSONS: 1 to 12
 * persons, each with a role, exactly one PRIMARY (a person, a family); PLACE: an address and a
 * description, no person (a location); GROUP: a description and, optionally, a contact person.
 * The kind must be the one the situation type calls for (PERSON and FAMILY: PERSONS, LOCATION:
 * PLACE, GROUP: GROUP), else 422 SUBJECT_KIND_MISMATCH. Fields of another kind are refused (400).
 */
export class WriteSubjectDto extends DisclosureBasisDto {
  @ApiProperty({ enum: SUBJECT_KINDS }) @IsIn(SUBJECT_KINDS) kind: SubjectKind;

  @ApiPropertyOptional({ type: [SubjectPersonDto], description: `PERSONS only: 1 to ${MAX_PERSONS} persons, exactly one PRIMARY` })
  @ForKind('PERSONS', 'persons')
  @OnlyWithKind('PERSONS')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PERSONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SubjectPersonDto)
  persons?: SubjectPersonDto[];

  @ApiPropertyOptional({ description: "PLACE only: the place's address" })
  @ForKind('PLACE', 'address')
  @OnlyWithKind('PLACE')
  @Trimmed()
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiPropertyOptional({ description: 'PLACE and GROUP: what the place is, or who the group are (kept in the vault, like a name)' })
  @ValidateIf((o: WriteSubjectDto) => o.kind === 'PLACE' || o.kind === 'GROUP' || o.description !== undefined)
  @ValidateBy({
    name: 'onlyWithKind',
    validator: {
      validate: (v: unknown, args) => v === undefined || ['PLACE', 'GROUP'].includes(String((args?.object as { kind?: unknown }).kind)),
      defaultMessage: () => 'description only with kind PLACE or GROUP',
    },
  })
  @Trimmed()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiPropertyOptional({ type: SubjectContactDto, description: "GROUP only, optional: the group's contact person" })
  @ValidateIf((o: WriteSubjectDto) => o.contact !== undefined)
  @OnlyWithKind('GROUP')
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectContactDto)
  contact?: SubjectContactDto;
}

/** The subject a validated body describes (the PRIMARY check is the vault's: subject.ts `subjectProblems`). */
export function subjectOfDto(dto: WriteSubjectDto): Subject {
  switch (dto.kind) {
    case 'PERSONS':
      return { kind: 'PERSONS', persons: (dto.persons ?? []).map((p) => ({ ...p })) };
    case 'PLACE':
      return { kind: 'PLACE', address: dto.address ?? '', description: dto.description ?? '' };
    case 'GROUP':
      return { kind: 'GROUP', description: dto.description ?? '', ...(dto.contact ? { contact: { ...dto.contact } } : {}) };
  }
}

export class SubjectPersonView {
  @ApiProperty({ enum: SUBJECT_ROLES }) role: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class SubjectPlaceView {
  @ApiProperty() address: string;
  @ApiProperty() description: string;
}

export class SubjectContactView {
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class SubjectGroupView {
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: SubjectContactView }) contact: SubjectContactView | null;
}

/** The subject as read: one of `persons` (PERSONS, the PRIMARY first), `place` or `group` is filled. */
export class SubjectView {
  @ApiProperty() situationId: string;
  @ApiProperty({ enum: SUBJECT_KINDS }) kind: SubjectKind;
  @ApiProperty({ type: [SubjectPersonView], description: 'PERSONS: the persons, the PRIMARY first; empty for a place or a group' }) persons: SubjectPersonView[];
  @ApiProperty({ nullable: true, type: SubjectPlaceView }) place: SubjectPlaceView | null;
  @ApiProperty({ nullable: true, type: SubjectGroupView }) group: SubjectGroupView | null;
  @ApiProperty() legalAuthority: string;
  @ApiProperty() writtenAt: string;
  @ApiProperty() writtenByAgencyId: string;
}

export function subjectViewOf(s: Subject, meta: { situationId: string; legalAuthority: string; writtenAt: string; writtenByAgencyId: string }): SubjectView {
  const persons =
    s.kind === 'PERSONS'
      ? [...s.persons]
          .sort((a, b) => Number(b.role === 'PRIMARY') - Number(a.role === 'PRIMARY'))
          .map((p) => ({ role: p.role, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth ?? null, address: p.address ?? null, phone: p.phone ?? null }))
      : [];
  return {
    situationId: meta.situationId,
    kind: s.kind,
    persons,
    place: s.kind === 'PLACE' ? { address: s.address, description: s.description } : null,
    group:
      s.kind === 'GROUP'
        ? { description: s.description, contact: s.contact ? { givenName: s.contact.givenName, familyName: s.contact.familyName, phone: s.contact.phone ?? null } : null }
        : null,
    legalAuthority: meta.legalAuthority,
    writtenAt: meta.writtenAt,
    writtenByAgencyId: meta.writtenByAgencyId,
  };
}
